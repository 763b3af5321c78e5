package dev.tokenwarden.broker.flows;

import static dev.tokenwarden.broker.flows.BrokerSetup.appEntry;
import static dev.tokenwarden.broker.flows.BrokerSetup.due;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.tokenwarden.broker.BrokerConfig;
import dev.tokenwarden.broker.domain.AuditLogPoller;
import dev.tokenwarden.broker.domain.BrokerEvents;
import dev.tokenwarden.broker.domain.CredentialTarget;
import dev.tokenwarden.broker.domain.Ledger;
import dev.tokenwarden.broker.domain.Secret;
import dev.tokenwarden.broker.domain.UsageBook;
import dev.tokenwarden.broker.domain.UsageMonitor;
import dev.tokenwarden.broker.infra.github.GitHubAuditLog;
import dev.tokenwarden.broker.messaging.AuditLogPolling;
import dev.tokenwarden.events.AuditLogCursor;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.CredentialUsage;
import dev.tokenwarden.events.EventJson;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.RotationReason;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.events.Topics;
import dev.tokenwarden.events.TokenRevoked;
import dev.tokenwarden.events.TokenRotated;
import dev.tokenwarden.platform.events.CloudEventHeaders;
import dev.tokenwarden.sandbox.github.RecordedExchange;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Usage monitoring end to end: credentials minted by the broker into the sandbox's Vault, their uses staged in the
 * simulator's audit log, read back through the real GitHub client with the auditor-tier credential the broker minted,
 * and the usage facts and incidents read back from Kafka. Polls are made by hand; the clock is the sandbox's.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class UsageMonitoringFlowsTest extends FlowTest {
    private static final String AUDITOR_ID = "usage-auditor";
    private static final String AUDIT_LOG = "/orgs/acme/audit-log";
    private static final String RUNNER_IP = "203.0.113.50";

    @Inject
    AuditLogPolling polling;
    @Inject
    Ledger ledger;
    @Inject
    UsageBook usage;
    @Inject
    GitHubAuditLog auditLog;
    @Inject
    BrokerEvents events;
    @Inject
    BrokerConfig config;
    @Inject
    Clock clock;

    /** The auditor-tier credential the poller reads Vault for, freshly minted so the clock's moves never leave it expired. */
    @BeforeEach
    void auditorCredential() {
        InventoryEntry auditor = new InventoryEntry(AUDITOR_ID, CredentialKind.APP_INSTALLATION, "auditor", Sandbox.ORG, "workflow-auditor",
                List.of(), appEntry("read", false).appPool(), "platform@acme.test", null);
        rotate(auditor, "auditor-" + UUID.randomUUID());
    }

    @Test
    void aValueUsedAfterItsRevocationRaisesExactlyOneIncidentAndTheCredentialShowsItsLastUse() {
        InventoryEntry entry = appEntry("read", false);
        String retired = revokedValue(entry);

        github.recordTokenUse(Sandbox.ORG, retired, "git.clone", "acme/api", RUNNER_IP);
        github.recordTokenUse(Sandbox.ORG, retired, "git.fetch", "acme/api", RUNNER_IP);
        assertThat(polling.pollDue()).singleElement().satisfies(poll -> assertThat(poll.matched()).isGreaterThanOrEqualTo(2));
        github.recordTokenUse(Sandbox.ORG, retired, "git.fetch", "acme/api", RUNNER_IP);
        polling.pollDue();

        CredentialUsage last = kafka.awaitEvent(EventType.CREDENTIAL_USAGE, entry.id(), CredentialUsage.class,
                u -> "git.fetch".equals(u.action()) && u.firing().contains("credential-used-after-revocation"));
        assertThat(last.valueHash()).isEqualTo(Secret.sha256Hex(retired));
        assertThat(last.actor()).isEqualTo(Sandbox.app().slug() + "[bot]");
        assertThat(incidents(entry.id())).extracting(Incident::incidentKey).containsExactly("credential-used-after-revocation/" + entry.id());

        given().header("X-Api-Key", PatAndOperatorFlowsTest.VIEWER).get("/credentials/" + entry.id()).then().statusCode(200)
                .body("lastUse.actor", equalTo(Sandbox.app().slug() + "[bot]"))
                .body("lastUse.repository", equalTo("acme/api"))
                .body("lastUse.ip", equalTo(RUNNER_IP))
                .body("usageIncidents", contains("credential-used-after-revocation"));
    }

    @Test
    void aCredentialUnusedPastItsTiersWindowIsReportedOnlyThen() {
        InventoryEntry entry = appEntry("deployment", false);
        rotate(entry, "unused-1");
        polling.pollDue();
        assertThat(incidents(entry.id())).isEmpty();

        Sandbox.clock().advance(Duration.ofHours(6).plusMinutes(1));
        auditorCredential();
        polling.pollDue();

        Incident unused = kafka.awaitEvent(EventType.INCIDENT, "credential-unused/" + entry.id(), Incident.class, i -> true);
        assertThat(unused.labels()).containsEntry("tier", "deployment");
        polling.pollDue();
        assertThat(incidents(entry.id())).hasSize(1);
    }

    @Test
    void aRestartedPollerResumesFromItsCursorWithoutReportingAgain() {
        InventoryEntry entry = appEntry("read", false);
        String retired = revokedValue(entry);
        for (int i = 0; i < 100; i++) {
            github.recordAuditEvent(Sandbox.ORG, "repo.access", "someone", "acme/web", null, null);
        }
        github.recordTokenUse(Sandbox.ORG, retired, "git.clone", "acme/api", RUNNER_IP);
        polling.pollDue();
        kafka.awaitEvent(EventType.INCIDENT, "credential-used-after-revocation/" + entry.id(), Incident.class, i -> true);
        AuditLogCursor written = usage.cursor(Sandbox.ORG).orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> written.equals(lastCursorOnKafka()));

        UsageBook rebuilt = rebuiltFromKafka();
        AuditLogPoller restarted = new AuditLogPoller(auditLog,
                new UsageMonitor(ledger, rebuilt, events, config.usage().policy(), clock), rebuilt, config.usage().maxPagesPerPoll());
        github.clearRequests();

        assertThat(restarted.poll(Sandbox.ORG).events()).as("nothing new since the last poll before the restart").isZero();
        assertThat(auditLogRequests()).as("the last page again, from its cursor").singleElement()
                .satisfies(request -> assertThat(request.query()).contains("after=" + written.after()));
        github.recordTokenUse(Sandbox.ORG, retired, "git.fetch", "acme/api", RUNNER_IP);
        assertThat(restarted.poll(Sandbox.ORG).events()).isEqualTo(1);

        kafka.awaitEvent(EventType.CREDENTIAL_USAGE, entry.id(), CredentialUsage.class, u -> "git.fetch".equals(u.action()));
        assertThat(incidents(entry.id())).hasSize(1);
    }

    @Test
    void badAuditLogPagesAreRetriedWithABoundedBackoffAndNeverStopThePoller() {
        InventoryEntry entry = appEntry("read", false);
        rotate(entry, "bad-pages-1");
        String value = store.current(CredentialTarget.vaultPath("read", "team-a", entry.id())).orElseThrow().data().token().reveal();
        github.recordTokenUse(Sandbox.ORG, value, "git.clone", "acme/api", RUNNER_IP);
        github.clearRequests();

        github.malformedNext(1);
        assertThat(polling.pollDue()).as("a malformed page fails the poll, nothing escapes").isEmpty();
        assertThat(polling.pollDue()).as("inside the backoff: no call at all").isEmpty();
        assertThat(auditLogRequests()).hasSize(1);

        Sandbox.clock().advance(Duration.ofSeconds(31));
        github.failNext(4, 502);
        assertThat(polling.pollDue()).as("5xx on every attempt the client makes").isEmpty();
        assertThat(auditLogRequests()).hasSize(5);

        Sandbox.clock().advance(Duration.ofSeconds(61));
        github.secondaryLimitNext(4, 1);
        assertThat(polling.pollDue()).as("a secondary limit outlasting the client's attempts").isEmpty();
        assertThat(auditLogRequests()).hasSize(9);

        Sandbox.clock().advance(Duration.ofSeconds(119));
        assertThat(polling.pollDue()).as("the third failure waits 2 minutes, the bound").isEmpty();
        assertThat(auditLogRequests()).hasSize(9);
        Sandbox.clock().advance(Duration.ofSeconds(2));
        assertThat(polling.pollDue()).singleElement().satisfies(poll -> assertThat(poll.caughtUp()).isTrue());
        assertThat(kafka.awaitEvent(EventType.CREDENTIAL_USAGE, entry.id(), CredentialUsage.class, u -> true).action()).isEqualTo("git.clone");
    }

    private void rotate(InventoryEntry entry, String rotationId) {
        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, rotationId, RotationReason.SCHEDULED, 1));
        kafka.awaitEvent(EventType.TOKEN_ROTATED, entry.id(), TokenRotated.class, r -> r.rotationId().equals(rotationId));
    }

    /** A value of {@code entry} rotated away and revoked once its overlap passed. */
    private String revokedValue(InventoryEntry entry) {
        rotate(entry, entry.id() + "-1");
        String first = store.current(CredentialTarget.vaultPath(entry.tier(), entry.consumer(), entry.id())).orElseThrow().data().token().reveal();
        rotate(entry, entry.id() + "-2");
        Sandbox.clock().advance(Duration.ofMinutes(11));
        String firstHash = Secret.sha256Hex(first);
        kafka.awaitEvent(EventType.TOKEN_REVOKED, entry.id(), TokenRevoked.class, r -> r.valueHash().equals(firstHash));
        auditorCredential();
        return first;
    }

    private List<Incident> incidents(String credentialId) {
        return kafka.records().stream()
                .filter(r -> r.topic().equals(Topics.INCIDENTS) && r.key() != null && r.key().endsWith("/" + credentialId))
                .filter(r -> r.key().startsWith("credential-"))
                .map(r -> EventJson.read(r.value(), Incident.class))
                .toList();
    }

    private List<RecordedExchange> auditLogRequests() {
        return github.requests().stream().filter(r -> r.path().equals(AUDIT_LOG)).toList();
    }

    private AuditLogCursor lastCursorOnKafka() {
        return usageRecords().stream().map(this::read).filter(AuditLogCursor.class::isInstance).map(AuditLogCursor.class::cast)
                .filter(c -> c.org().equals(Sandbox.ORG)).reduce((a, b) -> b).orElse(null);
    }

    /** What a restarted broker's state consumer builds from {@code credential.usage}. */
    private UsageBook rebuiltFromKafka() {
        UsageBook book = new UsageBook();
        usageRecords().stream().map(this::read).filter(Objects::nonNull).forEach(payload -> {
            if (payload instanceof CredentialUsage fact) {
                book.apply(fact);
            } else if (payload instanceof AuditLogCursor cursor) {
                book.apply(cursor);
            }
        });
        return book;
    }

    private List<ConsumerRecord<String, byte[]>> usageRecords() {
        return kafka.records().stream().filter(r -> r.topic().equals(Topics.CREDENTIAL_USAGE) && r.value() != null).toList();
    }

    private Record read(ConsumerRecord<String, byte[]> record) {
        String type = KafkaTraffic.header(record, CloudEventHeaders.TYPE);
        return EventType.byCeType(type).map(t -> (Record) EventJson.read(record.value(), t.payload())).orElse(null);
    }
}
