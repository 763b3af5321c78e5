package dev.tokenwarden.notifier.domain;

import static dev.tokenwarden.notifier.domain.Incidents.T0;
import static dev.tokenwarden.notifier.domain.Incidents.firing;
import static dev.tokenwarden.notifier.domain.Incidents.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    /** Flow style on purpose: the same parser reads both YAML styles. */
    static final String YAML = """
            route: {receivers: [ops], group_by: [type], group_wait: 30s, group_interval: 5m, repeat_interval: 4h}
            inhibit_rules:
              - {source_matchers: ['type="rotation-failed"'], target_matchers: ['type="expiring"'], equal: [credential]}
            """;

    final Silences silences = new Silences();
    final Dispatcher dispatcher = new Dispatcher(RoutingConfig.parse(YAML, Set.of("ops")), silences);

    @Test
    void firstMessageWaitsForGroupWaitAndLaterOnesForGroupInterval() {
        dispatcher.accept(firing("expiring", "c1", Severity.MEDIUM, T0), T0);
        assertThat(dispatcher.due(T0.plusSeconds(29)).notifications()).isEmpty();
        assertThat(dispatcher.nextFlush()).contains(T0.plusSeconds(30));

        Notification first = single(dispatcher.due(T0.plusSeconds(30)));
        assertThat(first.firing()).extracting(Incident::incidentKey).containsExactly("expiring/c1");
        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.deliveryId()).isEqualTo("ntf-" + first.groupId() + "-1");
        assertThat(first.groupLabels()).containsEntry("type", "expiring");
        dispatcher.delivered(first, T0.plusSeconds(31));

        dispatcher.accept(firing("expiring", "c2", Severity.MEDIUM, T0.plusSeconds(40)), T0.plusSeconds(40));
        assertThat(dispatcher.due(T0.plusSeconds(40)).notifications()).isEmpty();
        Notification second = single(dispatcher.due(T0.plusSeconds(30).plus(Duration.ofMinutes(5))));
        assertThat(second.firing()).extracting(Incident::incidentKey).containsExactlyInAnyOrder("expiring/c1", "expiring/c2");
        assertThat(second.sequence()).isEqualTo(2);
    }

    @Test
    void aRepeatedIncidentIsNotSentAgainUntilRepeatInterval() {
        Incident incident = notifiedAtGroupWait(firing("expiring", "c1", Severity.MEDIUM, T0));

        assertThat(dispatcher.accept(incident, T0.plusSeconds(60))).as("same copy").isFalse();
        assertThat(dispatcher.accept(firing("expiring", "c1", Severity.MEDIUM, T0.plusSeconds(60)), T0.plusSeconds(60))).isTrue();
        for (Instant at = T0.plusSeconds(30); at.isBefore(T0.plus(Duration.ofHours(4))); at = at.plus(Duration.ofMinutes(5))) {
            assertThat(dispatcher.due(at).notifications()).as("at %s", at).isEmpty();
        }
        Notification repeat = single(dispatcher.due(T0.plusSeconds(30).plus(Duration.ofHours(4))));
        assertThat(repeat.sequence()).isEqualTo(2);
    }

    @Test
    void resolvingSendsAResolvedMessageOnceAndThenForgetsTheGroup() {
        Incident incident = notifiedAtGroupWait(firing("expiring", "c1", Severity.MEDIUM, T0));

        dispatcher.accept(resolved(incident, T0.plusSeconds(100)), T0.plusSeconds(100));
        Notification resolved = single(dispatcher.due(T0.plusSeconds(30).plus(Duration.ofMinutes(5))));
        assertThat(resolved.firing()).isEmpty();
        assertThat(resolved.resolved()).extracting(Incident::status).containsExactly(IncidentStatus.RESOLVED);
        dispatcher.delivered(resolved, T0.plusSeconds(400));

        assertThat(dispatcher.nextFlush()).isEmpty();
        assertThat(dispatcher.firing()).isEmpty();
    }

    @Test
    void anIncidentResolvedBeforeItsGroupFlushedIsNeverSent() {
        Incident incident = firing("expiring", "c1", Severity.MEDIUM, T0);
        dispatcher.accept(incident, T0);
        dispatcher.accept(resolved(incident, T0.plusSeconds(10)), T0.plusSeconds(10));
        assertThat(dispatcher.due(T0.plusSeconds(30)).notifications()).isEmpty();
        assertThat(dispatcher.nextFlush()).isEmpty();
    }

    @Test
    void aSilenceMutesWhileActiveAndIsReportedOnce() {
        Silence silence = new Silence("s1", List.of(Matcher.parse("credential=\"c1\"")), T0, T0.plus(Duration.ofHours(1)), "alice",
                "maintenance", null);
        silences.apply(silence);
        dispatcher.accept(firing("expiring", "c1", Severity.MEDIUM, T0), T0);

        Flush muted = dispatcher.due(T0.plusSeconds(30));
        assertThat(muted.notifications()).isEmpty();
        assertThat(muted.suppressions()).singleElement().satisfies(s -> {
            assertThat(s.incidentKey()).isEqualTo("expiring/c1");
            assertThat(s.reason()).isEqualTo("silenced by s1");
        });
        assertThat(dispatcher.due(T0.plusSeconds(30).plus(Duration.ofMinutes(5))).suppressions()).isEmpty();

        silences.apply(silence.expiredAt(T0.plus(Duration.ofMinutes(20)), "bob"));
        assertThat(single(dispatcher.due(T0.plusSeconds(30).plus(Duration.ofMinutes(20)))).firing())
                .extracting(Incident::incidentKey).containsExactly("expiring/c1");
    }

    @Test
    void aFiringRotationFailureInhibitsExpiringForTheSameCredentialOnly() {
        dispatcher.accept(firing("rotation-failed", "c1", Severity.HIGH, T0), T0);
        dispatcher.accept(firing("expiring", "c1", Severity.MEDIUM, T0), T0);
        dispatcher.accept(firing("expiring", "c2", Severity.MEDIUM, T0), T0);

        Flush flush = dispatcher.due(T0.plusSeconds(30));
        assertThat(flush.notifications()).flatExtracting(Notification::firing).extracting(Incident::incidentKey)
                .containsExactlyInAnyOrder("rotation-failed/c1", "expiring/c2");
        assertThat(flush.suppressions()).extracting(Suppression::incidentKey, Suppression::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("expiring/c1", "inhibited by rotation-failed/c1"));
    }

    @Test
    void aFailedMessageIsSentAgainAtTheNextInterval() {
        dispatcher.accept(firing("expiring", "c1", Severity.MEDIUM, T0), T0);
        Notification first = single(dispatcher.due(T0.plusSeconds(30)));
        assertThat(dispatcher.due(T0.plus(Duration.ofHours(1))).notifications()).as("in flight").isEmpty();
        dispatcher.failed(first);

        Notification again = single(dispatcher.due(T0.plus(Duration.ofHours(1))));
        assertThat(again.firing()).isEqualTo(first.firing());
        assertThat(again.sequence()).isEqualTo(2);
    }

    @Test
    void afterARestartLoggedMessagesAreNotResentAndAnUnloggedOneReusesItsDeliveryId() {
        Incident c1 = firing("expiring", "c1", Severity.MEDIUM, T0);
        Incident c2 = firing("expiring", "c2", Severity.MEDIUM, T0.plusSeconds(40));
        dispatcher.accept(c1, T0);
        Notification logged = single(dispatcher.due(T0.plusSeconds(30)));
        dispatcher.delivered(logged, T0.plusSeconds(30));
        dispatcher.accept(c2, T0.plusSeconds(40));
        Notification unlogged = single(dispatcher.due(T0.plusSeconds(330)));

        Dispatcher restarted = new Dispatcher(RoutingConfig.parse(YAML, Set.of("ops")), silences);
        restarted.accept(c1, T0);
        restarted.accept(c2, T0.plusSeconds(40));
        restarted.restoreDelivered(logged.groupId(), logged.sequence(), "expiring/c1", IncidentStatus.FIRING, T0.plusSeconds(30));

        Instant now = T0.plusSeconds(340);
        Notification resent = single(restarted.due(now));
        assertThat(resent.deliveryId()).isEqualTo(unlogged.deliveryId());
        assertThat(resent.firing()).isEqualTo(unlogged.firing());

        Dispatcher restartedAgain = new Dispatcher(RoutingConfig.parse(YAML, Set.of("ops")), silences);
        restartedAgain.accept(c1, T0);
        restartedAgain.accept(c2, T0.plusSeconds(40));
        for (Notification n : List.of(logged, unlogged)) {
            n.firing().forEach(i -> restartedAgain.restoreDelivered(n.groupId(), n.sequence(), i.incidentKey(), IncidentStatus.FIRING, T0.plusSeconds(330)));
        }
        assertThat(restartedAgain.due(now.plus(Duration.ofMinutes(10))).notifications()).isEmpty();
    }

    private Incident notifiedAtGroupWait(Incident incident) {
        dispatcher.accept(incident, T0);
        dispatcher.delivered(single(dispatcher.due(T0.plusSeconds(30))), T0.plusSeconds(30));
        return incident;
    }

    private static Notification single(Flush flush) {
        assertThat(flush.notifications()).hasSize(1);
        return flush.notifications().get(0);
    }
}
