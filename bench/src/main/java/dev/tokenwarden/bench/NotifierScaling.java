package dev.tokenwarden.bench;

import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.Severity;
import dev.tokenwarden.notifier.domain.Dispatcher;
import dev.tokenwarden.notifier.domain.Flush;
import dev.tokenwarden.notifier.domain.Notification;
import dev.tokenwarden.notifier.domain.RoutingConfig;
import dev.tokenwarden.notifier.domain.Silences;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Grouping and inhibition at scale, in process (the notifier's own {@link Dispatcher}, no I/O): {@code n} open
 * incidents are taken in (routing and grouping), flushed once (every incident checked against silences and the
 * inhibition rule) and their notifications confirmed. Time per incident stays flat when each step is linear.
 */
final class NotifierScaling {
    static final String ROUTING = """
            route:
              receivers: [ops]
              group_by: [credential]
              group_wait: 0s
              group_interval: 1m
              repeat_interval: 4h
            inhibit_rules:
              - {source_matchers: ['type="rotation-failed"'], target_matchers: ['type="expiring"'], equal: [credential]}
            """;
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private NotifierScaling() {
    }

    /** Per size: µs per incident to take in, to flush, to confirm; and how many were inhibited. */
    record Result(int incidents, double acceptMicros, double flushMicros, double confirmMicros, long inhibited, int notifications) {
        double totalMicros() {
            return acceptMicros + flushMicros + confirmMicros;
        }
    }

    /**
     * Half the incidents are {@code expiring} (targets), a quarter {@code rotation-failed} for every other one of
     * those credentials (sources, so a quarter of all incidents is inhibited), a quarter {@code leaked} elsewhere.
     */
    static Result measure(int n) {
        List<Incident> incidents = new ArrayList<>(n);
        int credentials = n / 2;
        for (int k = 0; k < credentials; k++) {
            incidents.add(incident("expiring", "c-" + k));
            if (k % 2 == 0) {
                incidents.add(incident("rotation-failed", "c-" + k));
            }
        }
        for (int k = 0; incidents.size() < n; k++) {
            incidents.add(incident("leaked", "other-" + k));
        }
        Dispatcher dispatcher = new Dispatcher(RoutingConfig.parse(ROUTING, Set.of("ops")), new Silences());
        long start = System.nanoTime();
        incidents.forEach(i -> dispatcher.accept(i, T0));
        long accepted = System.nanoTime();
        Flush flush = dispatcher.due(T0);
        long flushed = System.nanoTime();
        for (Notification notification : flush.notifications()) {
            dispatcher.delivered(notification, T0);
        }
        long confirmed = System.nanoTime();
        long inhibited = flush.suppressions().stream().filter(s -> s.reason().startsWith("inhibited by")).count();
        return new Result(n, (accepted - start) / 1e3 / n, (flushed - accepted) / 1e3 / n, (confirmed - flushed) / 1e3 / n,
                inhibited, flush.notifications().size());
    }

    private static Incident incident(String type, String credential) {
        return new Incident(type + "/" + credential, IncidentStatus.FIRING, type, Severity.HIGH, type + " " + credential,
                "scaling", Map.of("credential", credential, "tier", "deployment", "owner", "team-" + credential.hashCode() % 50),
                T0, T0, List.of());
    }
}
