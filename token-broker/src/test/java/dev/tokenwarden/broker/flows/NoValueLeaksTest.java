package dev.tokenwarden.broker.flows;

import static dev.tokenwarden.broker.flows.BrokerSetup.appEntry;
import static dev.tokenwarden.broker.flows.BrokerSetup.due;
import static dev.tokenwarden.broker.flows.BrokerSetup.patEntry;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenwarden.broker.domain.CredentialTarget;
import dev.tokenwarden.broker.domain.RefreshGrant;
import dev.tokenwarden.broker.domain.RefreshGrants;
import dev.tokenwarden.events.AppInstallation;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.RotationFailed;
import dev.tokenwarden.events.RotationReason;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.events.TokenRotated;
import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * At the process boundary: after minted, uploaded, refreshed (user tokens, their refresh tokens and the app's client
 * secret), refused and failing rotations, no value appears in any
 * Kafka record (body or header), in any error body, or in any line the broker logged.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class NoValueLeaksTest extends FlowTest {
    @Inject
    RefreshGrants grants;

    @Test
    void noMintedOrUploadedValueReachesKafkaAnErrorBodyOrTheLog() throws IOException {
        List<String> values = new ArrayList<>();
        List<String> answers = new ArrayList<>();

        InventoryEntry app = appEntry("deployment", false);
        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, app.id(), due(app, "rot-leak-1", RotationReason.SCHEDULED, 1));
        kafka.awaitEvent(EventType.TOKEN_ROTATED, app.id(), TokenRotated.class, r -> true);
        values.add(store.current(CredentialTarget.vaultPath(app.tier(), app.consumer(), app.id())).orElseThrow().data().token().reveal());
        InventoryEntry unknownApp = new InventoryEntry(app.id() + "-x", app.kind(), app.tier(), app.org(), app.consumer(),
                app.repositories(), List.of(new AppInstallation(999L, 9L)), app.owner(), null);
        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, unknownApp.id(), due(unknownApp, "rot-leak-2", RotationReason.SCHEDULED, 1));
        kafka.awaitEvent(EventType.TOKEN_ROTATION_FAILED, unknownApp.id(), RotationFailed.class, f -> f.reason().contains("999"));

        InventoryEntry pat = patEntry(CredentialKind.CLASSIC_PAT, "write_packages");
        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, pat.id(), due(pat, "rot-leak-3", RotationReason.EXPIRING, 1));
        String refused = github.registerClassicPat("machine-user", List.of("delete_repo"), Sandbox.clock().instant().plus(Duration.ofDays(5)));
        String unknownToGithub = "ghp_" + "x".repeat(20) + Long.toString(System.nanoTime(), 36) + "y".repeat(16);
        String accepted = github.registerClassicPat("machine-user", List.of("write:packages"), Sandbox.clock().instant().plus(Duration.ofDays(5)));
        values.addAll(List.of(refused, unknownToGithub, accepted));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> given().header("X-Api-Key", PatAndOperatorFlowsTest.VIEWER)
                .when().get("/credentials/{id}", pat.id()).then().extract().statusCode() == 200);
        for (String value : List.of(refused, unknownToGithub, accepted)) {
            answers.add(given().header("X-Api-Key", PatAndOperatorFlowsTest.OPERATOR).contentType(ContentType.JSON)
                    .body(Map.of("value", value)).when().put("/credentials/{id}/value", pat.id()).then().extract().asString());
        }
        kafka.awaitEvent(EventType.TOKEN_ROTATED, pat.id(), TokenRotated.class, r -> true);

        InventoryEntry userToken = BrokerSetup.userTokenEntry();
        GitHubSimulator.UserTokens authorised = BrokerSetup.authorise(userToken, "octo-user", github);
        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, userToken.id(), due(userToken, "rot-leak-4", RotationReason.SCHEDULED, 1));
        kafka.awaitEvent(EventType.TOKEN_ROTATED, userToken.id(), TokenRotated.class, r -> true);
        RefreshGrant renewed = grants.grant(userToken.id()).orElseThrow().grant();
        values.addAll(List.of(authorised.accessToken(), authorised.refreshToken(), renewed.accessToken().reveal(),
                renewed.refreshToken().reveal(), Sandbox.app().clientSecret()));
        InventoryEntry spentUserToken = BrokerSetup.userTokenEntry();
        BrokerSetup.putGrant(spentUserToken, authorised.refreshToken(), authorised.accessToken());
        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, spentUserToken.id(),
                due(spentUserToken, "rot-leak-5", RotationReason.SCHEDULED, 1));
        kafka.awaitEvent(EventType.TOKEN_ROTATION_FAILED, spentUserToken.id(), RotationFailed.class, f -> f.reason().contains("bad_refresh_token"));

        StringBuilder published = new StringBuilder();
        for (ConsumerRecord<String, byte[]> record : kafka.records()) {
            published.append(record.key()).append('\n');
            if (record.value() != null) {
                published.append(new String(record.value(), StandardCharsets.UTF_8)).append('\n');
            }
            for (Header header : record.headers()) {
                published.append(header.key()).append('=').append(new String(header.value(), StandardCharsets.UTF_8)).append('\n');
            }
        }
        String log = Files.readString(Path.of("target/token-broker-test.log"));
        assertThat(published).as("Kafka records").isNotEmpty();
        assertThat(log).as("log").contains(app.id());
        for (String value : values) {
            assertThat(published.toString()).as("Kafka records").doesNotContain(value);
            assertThat(log).as("log").doesNotContain(value);
            assertThat(answers).as("REST answers").noneMatch(answer -> answer.contains(value));
        }
    }
}
