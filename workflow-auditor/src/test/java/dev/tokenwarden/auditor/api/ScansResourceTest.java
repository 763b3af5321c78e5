package dev.tokenwarden.auditor.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ScansResourceTest {
    static final String INJECTABLE = """
            name: ci
            on: pull_request_target
            jobs:
              greet:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                    with:
                      ref: ${{ github.event.pull_request.head.sha }}
                  - run: echo "${{ github.event.pull_request.title }}"
            """;

    @Test
    void aWorkflowBodyIsScannedIntoFindings() {
        given().header(TestApiKeys.HEADER, TestApiKeys.OPERATOR).contentType("text/yaml")
                .queryParam("path", ".github/workflows/ci.yml").body(INJECTABLE)
                .when().post("/scans")
                .then().statusCode(200).contentType("application/json")
                .body("findings.ruleId", hasItem("template-injection"))
                .body("findings.file", hasItem(".github/workflows/ci.yml"))
                .body("findings[0].fingerprint.length()", equalTo(64))
                .body("summary.files", equalTo(1))
                .body("errors", hasSize(0));
    }

    @Test
    void sarifIsWrittenOnRequest() {
        given().header(TestApiKeys.HEADER, TestApiKeys.OPERATOR).contentType("application/yaml")
                .queryParam("format", "sarif").body(INJECTABLE.getBytes(StandardCharsets.UTF_8))
                .when().post("/scans")
                .then().statusCode(200).contentType(ScansResource.SARIF_JSON)
                .body("version", equalTo("2.1.0"))
                .body("runs[0].results.size()", greaterThan(0));
    }

    @Test
    void aBundleReportsItsBadFileAndScansTheOthers() {
        given().header(TestApiKeys.HEADER, TestApiKeys.OPERATOR)
                .multiPart("file", ".github/workflows/ci.yml", INJECTABLE.getBytes(StandardCharsets.UTF_8), "text/yaml")
                .multiPart("file", ".github/workflows/junk.yml", binaryJunk(), "application/octet-stream")
                .when().post("/scans")
                .then().statusCode(200)
                .body("summary.files", equalTo(2))
                .body("findings.file", hasItem(".github/workflows/ci.yml"))
                .body("errors.file", equalTo(List.of(".github/workflows/junk.yml")));
    }

    @Test
    void anOversizedFileInABundleIsReportedNotRead() {
        given().header(TestApiKeys.HEADER, TestApiKeys.OPERATOR)
                .multiPart("file", "big.yml", new byte[1_048_577], "text/yaml")
                .multiPart("file", "ci.yml", INJECTABLE.getBytes(StandardCharsets.UTF_8), "text/yaml")
                .when().post("/scans")
                .then().statusCode(200)
                .body("errors[0].file", equalTo("big.yml"))
                .body("errors[0].message", containsString("at most 1048576"))
                .body("findings.file", hasItem("ci.yml"));
    }

    @Test
    void tenMegabytesAreRefusedWith413BeforeParsing() {
        byte[] tenMegabytes = "a: b\n".repeat(2 * 1024 * 1024).getBytes(StandardCharsets.UTF_8);
        problem(given().header(TestApiKeys.HEADER, TestApiKeys.OPERATOR).contentType("text/yaml").body(tenMegabytes)
                .when().post("/scans"), 413)
                .body("detail", containsString("at most 1048576"));
    }

    @Test
    void anAliasBombIsRefusedWith422() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            String previous = "*a" + (i - 1);
            bomb.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, previous))).append("]\n");
        }
        problem(given().header(TestApiKeys.HEADER, TestApiKeys.OPERATOR).contentType("text/yaml").body(bomb.toString())
                .when().post("/scans"), 422)
                .body("title", equalTo("Workflow could not be audited"));
    }

    @Test
    void deepNestingIsRefusedWith422() {
        for (String deep : List.of("on: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n",
                "on:\n" + java.util.stream.IntStream.range(1, 1_000).mapToObj(i -> " ".repeat(i) + "k:\n").collect(java.util.stream.Collectors.joining()))) {
            problem(given().header(TestApiKeys.HEADER, TestApiKeys.OPERATOR).contentType("text/yaml").body(deep)
                    .when().post("/scans"), 422)
                    .body("title", equalTo("Workflow could not be audited"));
        }
    }

    @Test
    void binaryJunkAndNonWorkflowYamlAreRefusedWith422() {
        problem(given().header(TestApiKeys.HEADER, TestApiKeys.OPERATOR).contentType("text/plain").body(binaryJunk())
                .when().post("/scans"), 422);
        problem(given().header(TestApiKeys.HEADER, TestApiKeys.OPERATOR).contentType("text/yaml")
                .queryParam("path", "shopping.yml").body("- milk\n- eggs\n")
                .when().post("/scans"), 422)
                .body("detail", containsString("shopping.yml"));
    }

    @Test
    void anUnknownFormatIsA400() {
        problem(given().header(TestApiKeys.HEADER, TestApiKeys.OPERATOR).contentType("text/yaml")
                .queryParam("format", "html").body(INJECTABLE)
                .when().post("/scans"), 400)
                .body("field", equalTo("format"));
    }

    @Test
    void scansNeedTheOperatorRole() {
        problem(given().contentType("text/yaml").body(INJECTABLE).when().post("/scans"), 401);
        problem(given().header(TestApiKeys.HEADER, TestApiKeys.VIEWER).contentType("text/yaml").body(INJECTABLE)
                .when().post("/scans"), 403);
    }

    @Test
    void theRuleCatalogueIsListedForViewers() {
        Response rules = given().header(TestApiKeys.HEADER, TestApiKeys.VIEWER).when().get("/rules");
        rules.then().statusCode(200).body("id", hasItem("template-injection"));
        assertThat(rules.jsonPath().getList("id")).hasSizeGreaterThanOrEqualTo(20).doesNotHaveDuplicates();
        problem(given().when().get("/rules"), 401);
    }

    private static io.restassured.response.ValidatableResponse problem(Response response, int status) {
        return response.then().statusCode(status).contentType("application/problem+json").body("status", equalTo(status));
    }

    private static byte[] binaryJunk() {
        byte[] junk = new byte[4096];
        new Random(42).nextBytes(junk);
        return junk;
    }
}
