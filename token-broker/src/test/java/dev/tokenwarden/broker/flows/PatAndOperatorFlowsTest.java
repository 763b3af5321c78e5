package dev.tokenwarden.broker.flows;

import static dev.tokenwarden.broker.flows.BrokerSetup.appEntry;
import static dev.tokenwarden.broker.flows.BrokerSetup.due;
import static dev.tokenwarden.broker.flows.BrokerSetup.patEntry;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import dev.tokenwarden.broker.domain.CredentialTarget;
import dev.tokenwarden.broker.domain.Secret;
import dev.tokenwarden.broker.infra.vault.ConfiguredVault;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.CredentialStatus;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.OperatorAction;
import dev.tokenwarden.events.RotationReason;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.events.TokenRevoked;
import dev.tokenwarden.events.TokenRotated;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import dev.tokenwarden.sandbox.vault.VaultHttp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PAT uploads, ledger queries, revocation and the kill switch over REST, with roles and problem+json. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class PatAndOperatorFlowsTest extends FlowTest {
    static final String VIEWER = "test-viewer-key";
    static final String OPERATOR = "test-operator-key";
    static final String ADMIN = "test-admin-key";

    @Test
    void anUploadedClassicPatIsStoredUnderTheDueRotationAndTheOldOneRevokedAfterTheOverlap() {
        InventoryEntry entry = patEntry(CredentialKind.CLASSIC_PAT, "write_packages");
        String old = github.registerClassicPat("machine-user", List.of("write:packages"), inDays(80));
        rotateTo(entry, "rot-p1", old);
        assertThat(pendingUpload(entry).status()).as("no longer waiting").isEqualTo(404);

        String fresh = github.registerClassicPat("machine-user", List.of("write:packages", "read:packages"), inDays(85));
        rotateTo(entry, "rot-p2", fresh);
        kafka.awaitEvent(EventType.OPERATOR_ACTION, "olga-operator", OperatorAction.class,
                a -> a.action().equals("upload-pat-value") && a.target().equals(entry.id()) && a.outcome().contains("rot-p2"));

        Sandbox.clock().advance(Duration.ofMinutes(10).plusSeconds(1));

        TokenRevoked revoked = kafka.awaitEvent(EventType.TOKEN_REVOKED, entry.id(), TokenRevoked.class, r -> true);
        assertThat(revoked.valueHash()).isEqualTo(Secret.sha256Hex(old));
        assertThat(github.isRevoked(old)).isTrue();
        assertThat(github.isValid(fresh)).isTrue();
    }

    @Test
    void aSupersededFineGrainedPatLosesItsOrganisationGrantAndIsRevokedWhileTheNewOneKeepsItsGrant() {
        InventoryEntry entry = patEntry(CredentialKind.FINE_GRAINED_PAT, "deployment");
        String old = github.registerFineGrainedPat("deployer", inDays(20));
        long oldGrant = github.grantOrgAccess(Sandbox.ORG, old, "deploy-2026-11");
        rotateTo(entry, "rot-f1", old);
        String fresh = github.registerFineGrainedPat("deployer", inDays(28));
        long freshGrant = github.grantOrgAccess(Sandbox.ORG, fresh, "deploy-2026-12");
        rotateTo(entry, "rot-f2", fresh);

        Sandbox.clock().advance(Duration.ofMinutes(10).plusSeconds(1));

        kafka.awaitEvent(EventType.TOKEN_REVOKED, entry.id(), TokenRevoked.class, r -> r.valueHash().equals(Secret.sha256Hex(old)));
        assertThat(github.orgGrantExists(oldGrant)).isFalse();
        assertThat(github.isRevoked(old)).isTrue();
        assertThat(github.orgGrantExists(freshGrant)).isTrue();
        assertThat(github.isValid(fresh)).isTrue();
    }

    @Test
    void aTooBroadPatIsRefusedWith422AndNothingChanges() {
        InventoryEntry entry = patEntry(CredentialKind.CLASSIC_PAT, "write_packages");
        awaitUploadWanted(entry, "rot-broad");
        String broad = github.registerClassicPat("machine-user", List.of("write:packages", "admin:org", "repo"), inDays(30));

        String body = given().header("X-Api-Key", OPERATOR).contentType(ContentType.JSON).body(Map.of("value", broad))
                .when().put("/credentials/{id}/value", entry.id())
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("[admin:org, repo]"))
                .body("field", equalTo("value"))
                .extract().asString();

        assertThat(body).doesNotContain(broad);
        assertThat(store.current(CredentialTarget.vaultPath(entry.tier(), entry.consumer(), entry.id()))).isEmpty();
        assertThat(pendingUpload(entry).body().path("data").path("data").path("rotation_id").asText()).as("kept in Vault for a restart")
                .isEqualTo("rot-broad");
        given().header("X-Api-Key", VIEWER).when().get("/credentials/{id}", entry.id())
                .then().statusCode(200).body("awaitingUpload", equalTo(true));
    }

    @Test
    void aFineGrainedPatLivingLongerThanItsTierAllowsIsRefusedAndOneWithinItIsTaken() {
        InventoryEntry entry = patEntry(CredentialKind.FINE_GRAINED_PAT, "deployment");
        awaitUploadWanted(entry, "rot-long");
        String tooLong = github.registerFineGrainedPat("deployer", inDays(31));

        given().header("X-Api-Key", OPERATOR).contentType(ContentType.JSON).body(Map.of("value", tooLong))
                .when().put("/credentials/{id}/value", entry.id())
                .then().statusCode(422).contentType("application/problem+json").body("detail", containsString("30 days"));

        String fits = github.registerFineGrainedPat("deployer", inDays(29));
        given().header("X-Api-Key", OPERATOR).contentType(ContentType.JSON).body(Map.of("value", fits))
                .when().put("/credentials/{id}/value", entry.id())
                .then().statusCode(200).body("rotationId", equalTo("rot-long")).body("outcome", equalTo("ROTATED"));
        assertThat(store.current(CredentialTarget.vaultPath(entry.tier(), entry.consumer(), entry.id())).orElseThrow().data().expiresAt())
                .isEqualTo(inDays(29));
    }

    @Test
    void rolesAreEnforced() {
        InventoryEntry entry = patEntry(CredentialKind.CLASSIC_PAT, "write_packages");
        awaitUploadWanted(entry, "rot-roles");
        given().when().get("/credentials").then().statusCode(401);
        given().header("X-Api-Key", VIEWER).contentType(ContentType.JSON).body(Map.of("value", "ghp_x"))
                .when().put("/credentials/{id}/value", entry.id()).then().statusCode(403);
        given().header("X-Api-Key", OPERATOR).contentType(ContentType.JSON).body(Map.of("repository", "acme/api", "reason", "drill"))
                .when().post("/kill-switch").then().statusCode(403);
        given().header("X-Api-Key", OPERATOR).contentType(ContentType.JSON).body(Map.of("value", ""))
                .when().put("/credentials/{id}/value", entry.id())
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("value"));
    }

    @Test
    void theLedgerAnswersByCredentialRepositoryAndConsumerWithHashesOnly() {
        InventoryEntry entry = appEntry("read", false);
        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, "rot-l", RotationReason.SCHEDULED, 1));
        TokenRotated rotated = kafka.awaitEvent(EventType.TOKEN_ROTATED, entry.id(), TokenRotated.class, r -> true);

        given().header("X-Api-Key", VIEWER).queryParam("credential", entry.id()).when().get("/ledger")
                .then().statusCode(200).body("valueHash", hasItem(rotated.valueHash()));
        given().header("X-Api-Key", VIEWER).queryParam("repository", "acme/api").queryParam("consumer", "team-a").when().get("/ledger")
                .then().statusCode(200).body("valueHash", hasItem(rotated.valueHash()));
        given().header("X-Api-Key", VIEWER).when().get("/ledger").then().statusCode(400).contentType("application/problem+json");
        given().header("X-Api-Key", VIEWER).when().get("/credentials")
                .then().statusCode(200).body("credentialId", hasItem(entry.id())).body(not(containsString("\"value\"")));
    }

    @Test
    void theKillSwitchRevokesEveryLiveValueOfAConsumerAndRecordsWhoPulledIt() {
        InventoryEntry entry = new InventoryEntry("kill-" + System.nanoTime(), CredentialKind.APP_INSTALLATION, "read", Sandbox.ORG,
                "team-doomed", List.of("acme/docs"), appEntry("read", false).appPool(), "owner@acme.test", null);
        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, "rot-k", RotationReason.SCHEDULED, 1));
        kafka.awaitEvent(EventType.TOKEN_ROTATED, entry.id(), TokenRotated.class, r -> true);
        String value = store.current(CredentialTarget.vaultPath("read", "team-doomed", entry.id()))
                .orElseThrow().data().token().reveal();

        given().header("X-Api-Key", ADMIN).contentType(ContentType.JSON).body(Map.of("consumer", "team-doomed", "reason", "incident 42"))
                .when().post("/kill-switch")
                .then().statusCode(200).body("outcome", equalTo(List.of("REVOKED")));

        assertThat(github.isRevoked(value)).isTrue();
        kafka.awaitEvent(EventType.CREDENTIAL_STATE, entry.id(), CredentialState.class, s -> s.status() == CredentialStatus.REVOKED);
        kafka.awaitEvent(EventType.OPERATOR_ACTION, "ada-admin", OperatorAction.class,
                a -> a.action().equals("kill-switch") && a.target().equals("consumer=team-doomed") && a.role().equals("admin"));
    }

    private void rotateTo(InventoryEntry entry, String rotationId, String value) {
        awaitUploadWanted(entry, rotationId);
        given().header("X-Api-Key", OPERATOR).contentType(ContentType.JSON).body(Map.of("value", value))
                .when().put("/credentials/{id}/value", entry.id())
                .then().statusCode(200).body("rotationId", equalTo(rotationId)).body("outcome", equalTo("ROTATED"))
                .body(not(containsString(value)));
        kafka.awaitEvent(EventType.TOKEN_ROTATED, entry.id(), TokenRotated.class, r -> r.rotationId().equals(rotationId));
    }

    private void awaitUploadWanted(InventoryEntry entry, String rotationId) {
        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, rotationId, RotationReason.EXPIRING, 1));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                given().header("X-Api-Key", VIEWER).when().get("/credentials/{id}", entry.id()).then().extract().statusCode() == 200
                        && given().header("X-Api-Key", VIEWER).when().get("/credentials/{id}", entry.id()).then().extract()
                                .path("awaitingUpload").equals(true));
    }

    private static VaultHttp.Reply pendingUpload(InventoryEntry entry) {
        return ConfiguredVault.http().call("GET", ConfiguredVault.mount() + "/data/" + CredentialTarget.pendingUploadPath(entry.id()),
                ConfiguredVault.rootToken(), null);
    }

    private static Instant inDays(int days) {
        return Sandbox.clock().instant().plus(Duration.ofDays(days));
    }
}
