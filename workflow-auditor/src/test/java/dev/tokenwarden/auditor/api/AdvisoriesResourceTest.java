package dev.tokenwarden.auditor.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenwarden.auditor.TestGitHub;
import dev.tokenwarden.auditor.domain.advisory.Advisory;
import dev.tokenwarden.auditor.domain.advisory.AdvisoryFile;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class AdvisoriesResourceTest {

    @Test
    void theDataFileIsRegeneratedFromTheActionsAdvisories() {
        TestGitHub.simulator().addActionsAdvisory("GHSA-aaaa-bbbb-cccc", "CVE-2026-0001", "leaks the token", "high",
                "Acme/Setup-Thing", "< 2.1.0", "2.1.0");
        TestGitHub.simulator().addActionsAdvisory("GHSA-dddd-eeee-ffff", null, "unpatched", "unknown",
                "acme/old-action", "<= 1.0", null);

        String body = given().header(TestApiKeys.HEADER, TestApiKeys.ADMIN).when().post("/admin/advisories/refresh")
                .then().statusCode(200).contentType(AdvisoriesResource.TSV).extract().asString();

        AdvisoryFile file = AdvisoryFile.parse(body);
        assertThat(body).contains("# entries: " + file.advisories().size());
        assertThat(file.source()).startsWith(TestGitHub.simulator().baseUrl()).contains("ecosystem=actions");
        assertThat(LocalDate.parse(file.retrieved())).isBeforeOrEqualTo(LocalDate.now(ZoneOffset.UTC));
        Advisory setup = file.advisories().stream().filter(a -> a.id().equals("GHSA-aaaa-bbbb-cccc")).findFirst().orElseThrow();
        assertThat(setup.action()).isEqualTo("acme/setup-thing");
        assertThat(setup.vulnerable().text()).isEqualTo("< 2.1.0");
        assertThat(setup.firstPatched()).isEqualTo("2.1.0");
        assertThat(setup.severity()).contains(Severity.HIGH);
        Advisory old = file.advisories().stream().filter(a -> a.id().equals("GHSA-dddd-eeee-ffff")).findFirst().orElseThrow();
        assertThat(old.firstPatched()).isEqualTo("-");
        assertThat(old.severity()).isEqualTo(Optional.empty());
    }

    @Test
    void onlyAdminsRefresh() {
        given().header(TestApiKeys.HEADER, TestApiKeys.OPERATOR).when().post("/admin/advisories/refresh")
                .then().statusCode(403).contentType("application/problem+json");
    }
}
