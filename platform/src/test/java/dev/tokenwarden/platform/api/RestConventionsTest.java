package dev.tokenwarden.platform.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import dev.tokenwarden.platform.redaction.TestTokens;
import dev.tokenwarden.platform.security.ApiKeyAuthenticationMechanism;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** Every answer but a success is problem+json; roles are hierarchical; /q/* stays open. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class RestConventionsTest {
    private static final String VIEWER_KEY = "viewer-key-for-platform-tests";
    private static final String OPERATOR_KEY = "operator-key-for-platform-tests";
    private static final String ADMIN_KEY = "admin-key-for-platform-tests";

    @Test
    void withoutCredentialsTheAnswerIs401Problem() {
        assertProblem(given().get("/probe/view"), 401, "/probe/view")
                .header("WWW-Authenticate", not(emptyOrNullString()));
    }

    @Test
    void anUnknownKeyIs401Problem() {
        assertProblem(as("not-a-configured-key").get("/probe/view"), 401, "/probe/view");
    }

    @Test
    void aViewerMayViewButNotOperate() {
        as(VIEWER_KEY).get("/probe/view").then().statusCode(200)
                .body("principal", equalTo("vera"))
                .body("role", equalTo("viewer"));
        assertProblem(as(VIEWER_KEY).post("/probe/operate"), 403, "/probe/operate");
    }

    @Test
    void operatorAndAdminMayOperateAndTheCallerIsTheirStrongestRole() {
        as(OPERATOR_KEY).post("/probe/operate").then().statusCode(200)
                .body("principal", equalTo("otto"))
                .body("role", equalTo("operator"));
        as(ADMIN_KEY).post("/probe/operate").then().statusCode(200)
                .body("principal", equalTo("ada"))
                .body("role", equalTo("admin"));
        as(ADMIN_KEY).get("/probe/view").then().statusCode(200);
    }

    @Test
    void anEndpointWithoutARoleAnnotationServesNobody() {
        assertProblem(as(ADMIN_KEY).get("/probe/unannotated"), 403, "/probe/unannotated");
    }

    @Test
    void operationalEndpointsStayOpen() {
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void anUnknownRouteIs404Problem() {
        assertProblem(given().get("/no/such/route"), 404, "/no/such/route");
        assertProblem(as(ADMIN_KEY).get("/probe/no-such-thing"), 404, "/probe/no-such-thing");
    }

    @Test
    void aProblemExceptionNamesItsField() {
        assertProblem(asJson(OPERATOR_KEY, "{\"credentialId\":\"c-1\",\"attempt\":0}").post("/probe/orders"), 400, "/probe/orders")
                .body("type", equalTo(Problem.TYPE_BASE + "invalid-field"))
                .body("field", equalTo("attempt"))
                .body("detail", equalTo("attempt must be 1 or more"));
    }

    @Test
    void aResponseTheResourceBuiltIsSentAsItIs() {
        assertProblem(as(VIEWER_KEY).get("/probe/teapot"), 418, "/probe/teapot")
                .body("detail", equalTo("short and stout"));
    }

    @Test
    void aMissingRequiredFieldIs400NamingIt() {
        assertProblem(asJson(OPERATOR_KEY, "{\"attempt\":1}").post("/probe/orders"), 400, "/probe/orders")
                .body("detail", equalTo("missing required field 'credentialId'"));
    }

    @Test
    void anUnknownFieldIs400NamingIt() {
        assertProblem(asJson(OPERATOR_KEY, "{\"credentialId\":\"c-1\",\"atempt\":2}").post("/probe/orders"), 400, "/probe/orders")
                .body("field", equalTo("atempt"));
    }

    @Test
    void aWronglyTypedFieldIs400NamingIt() {
        assertProblem(asJson(OPERATOR_KEY, "{\"credentialId\":\"c-1\",\"attempt\":\"many\"}").post("/probe/orders"), 400, "/probe/orders")
                .body("field", equalTo("attempt"));
    }

    @Test
    void malformedJsonIs400WithoutEchoingTheInput() {
        String token = TestTokens.all().getFirst();
        String body = assertProblem(asJson(OPERATOR_KEY, "{\"credentialId\": " + token + "}").post("/probe/orders"), 400, "/probe/orders")
                .body("type", equalTo(Problem.TYPE_BASE + "malformed-json"))
                .extract().asString();

        assertThat(body).doesNotContain(token.substring(4));
    }

    @Test
    void anUnexpectedErrorIs500WithACorrelationIdAndNoInternals() {
        String token = TestTokens.all().getFirst();
        String body = assertProblem(as(VIEWER_KEY).queryParam("upstream", token).get("/probe/fail"), 500, "/probe/fail")
                .body("correlationId", not(emptyOrNullString()))
                .extract().asString();

        assertThat(body).doesNotContain(token.substring(4)).doesNotContain("IllegalStateException").doesNotContain("upstream answered");
    }

    @Test
    void aCredentialInThePathIsNotEchoed() {
        String token = TestTokens.all().getFirst();
        String body = given().get("/no/such/route/" + token).then().statusCode(404).extract().asString();

        assertThat(body).doesNotContain(token.substring(4));
    }

    private static RequestSpecification as(String apiKey) {
        return given().header(ApiKeyAuthenticationMechanism.HEADER, apiKey);
    }

    private static RequestSpecification asJson(String apiKey, String body) {
        return as(apiKey).contentType("application/json").body(body);
    }

    private static ValidatableResponse assertProblem(io.restassured.response.Response response, int status, String instance) {
        return response.then()
                .statusCode(status)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(status))
                .body("title", not(emptyOrNullString()))
                .body("type", not(emptyOrNullString()))
                .body("detail", not(emptyOrNullString()))
                .body("instance", equalTo(instance));
    }
}
