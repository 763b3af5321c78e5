package dev.tokenwarden.broker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenwarden.broker.domain.AuditLog;
import dev.tokenwarden.broker.domain.AuditLogPoller;
import dev.tokenwarden.broker.domain.BrokerEvents;
import dev.tokenwarden.broker.domain.Ledger;
import dev.tokenwarden.broker.domain.Secret;
import dev.tokenwarden.broker.domain.UsageBook;
import dev.tokenwarden.broker.domain.UsageMonitor;
import dev.tokenwarden.broker.domain.UsagePolicy;
import dev.tokenwarden.events.AuditLogCursor;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.CredentialUsage;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.LedgerEntry;
import dev.tokenwarden.events.RotationFailed;
import dev.tokenwarden.events.TokenRevoked;
import dev.tokenwarden.events.TokenRotated;
import dev.tokenwarden.sandbox.github.ManualClock;
import dev.tokenwarden.sandbox.kafka.SharedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * Two replicas' audit-log pollers over the real Kafka broker, each with its own {@link PollerLease} in one group: exactly
 * one polls, the other takes over when the first stops, and no use is reported twice. The replicas' usage books follow
 * one another as the {@code credential.usage} topic would make them once read (the lease's catch-up rule).
 */
class PollerLeaseTest {
    private static final String ORG = "acme";
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final List<Record> published = new CopyOnWriteArrayList<>();
    private final List<UsageBook> books = List.of(new UsageBook(), new UsageBook());
    private final List<AuditLog.Event> log = new CopyOnWriteArrayList<>();
    private final LedgerEntry issued = new LedgerEntry(Secret.sha256Hex("lease-test-value"), "cred-1", CredentialKind.APP_INSTALLATION,
            "read", "team-a", List.of(), clock.instant(), clock.instant().plus(Duration.ofHours(1)), null, null, null);

    @Test
    void oneReplicaPollsAndTheOtherTakesOverWithoutReportingAUseTwice() throws Exception {
        String topic = "tokenwarden.test.lease-" + UUID.randomUUID();
        Map<String, Object> kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        try (Admin admin = Admin.create(kafka)) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        String group = "token-broker-lease-test-" + UUID.randomUUID();
        List<AuditLogPoller> pollers = List.of(poller(0), poller(1));
        PollerLease first = new PollerLease(kafka, topic, group, "replica-0");
        PollerLease second = new PollerLease(kafka, topic, group, "replica-1");
        try {
            List<PollerLease> leases = List.of(first, second);
            await().atMost(Duration.ofSeconds(60)).until(() -> first.held() || second.held());
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(60)).until(() -> first.held() ^ second.held());
            int leader = first.held() ? 0 : 1;
            addUses(5);

            List<Optional<AuditLogPoller.Poll>> polls = pollBoth(leases, pollers);

            assertThat(polls.get(leader)).hasValueSatisfying(poll -> assertThat(poll.matched()).isEqualTo(5));
            assertThat(polls.get(1 - leader)).as("the replica without the lease").isEmpty();
            assertThat(leases.get(leader).endsWhenAcquired()).hasSize(3);

            leases.get(leader).close();
            await().atMost(Duration.ofSeconds(60)).until(() -> leases.get(1 - leader).held());
            addUses(3);
            List<Optional<AuditLogPoller.Poll>> after = pollBoth(leases, pollers);

            assertThat(after.get(1 - leader)).hasValueSatisfying(poll -> assertThat(poll.matched()).isEqualTo(3));
            assertThat(after.get(leader)).as("the replica that stopped").isEmpty();
            List<Instant> reported = published.stream().filter(CredentialUsage.class::isInstance).map(r -> ((CredentialUsage) r).lastUsedAt()).toList();
            assertThat(reported).as("one usage fact per use, none twice").hasSize(8).doesNotHaveDuplicates();
        } finally {
            first.close();
            second.close();
        }
    }

    private List<Optional<AuditLogPoller.Poll>> pollBoth(List<PollerLease> leases, List<AuditLogPoller> pollers) {
        List<Optional<AuditLogPoller.Poll>> polls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            AuditLogPoller poller = pollers.get(i);
            polls.add(leases.get(i).whileHeld(() -> poller.poll(ORG)));
        }
        return polls;
    }

    /** Uses of the issued value, one second apart, three to a page as GitHub's audit log pages them. */
    private void addUses(int count) {
        for (int i = 0; i < count; i++) {
            clock.advance(Duration.ofSeconds(1));
            log.add(new AuditLog.Event("doc-" + log.size(), clock.instant(), "git.clone", "bot[bot]", null, null, issued.auditLogHash()));
        }
    }

    private AuditLogPoller poller(int replica) {
        BrokerEvents events = new Published();
        Ledger ledger = new Ledger(events);
        ledger.apply(issued);
        UsageMonitor monitor = new UsageMonitor(ledger, books.get(replica), events, new UsagePolicy(Map.of(), Map.of()), clock);
        AuditLog pages = (org, after) -> {
            int from = after.map(Integer::parseInt).orElse(0);
            int to = Math.min(from + 3, log.size());
            return new AuditLog.Page(log.subList(from, to), to < log.size() ? Optional.of(Integer.toString(to)) : Optional.empty());
        };
        return new AuditLogPoller(pages, monitor, books.get(replica), 10);
    }

    /** What each replica publishes, read back by both replicas' books as the credential.usage topic would be. */
    private final class Published implements BrokerEvents {
        @Override
        public void rotated(TokenRotated event) {
            published.add(event);
        }

        @Override
        public void rotationFailed(RotationFailed event) {
            published.add(event);
        }

        @Override
        public void revoked(TokenRevoked event) {
            published.add(event);
        }

        @Override
        public void state(CredentialState state) {
            published.add(state);
        }

        @Override
        public void ledger(LedgerEntry entry) {
            published.add(entry);
        }

        @Override
        public void incident(Incident incident) {
            published.add(incident);
        }

        @Override
        public void usage(CredentialUsage usage) {
            published.add(usage);
            books.forEach(book -> book.apply(usage));
        }

        @Override
        public void cursor(AuditLogCursor cursor) {
            published.add(cursor);
            books.forEach(book -> book.apply(cursor));
        }
    }
}
