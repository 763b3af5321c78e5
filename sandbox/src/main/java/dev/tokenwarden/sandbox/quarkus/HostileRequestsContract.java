package dev.tokenwarden.sandbox.quarkus;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Hostile requests against every operation the service's own OpenAPI document lists, so an endpoint added
 * later is covered without touching a test: no credentials or an unknown key is a 401 problem, a role below
 * the one the operation requires is a 403 problem, and a JSON body that is malformed, nested beyond reason or
 * over the HTTP body limit is a 4xx problem, never a stack trace or a 500. Each service's
 * {@code OperationalEndpointsTest} implements it, so it runs in a Quarkus the module starts anyway.
 */
public interface HostileRequestsContract {
    /** The roles from weakest to strongest; each includes the ones before it. */
    List<String> ROLES = List.of("viewer", "operator", "admin");

    /** This service's test API key for a role (viewer, operator or admin). */
    String apiKey(String role);

    /** Operations that need no role ("POST /webhooks/github"), each authenticated some other way its own tests prove. */
    default Set<String> operationsWithoutRole() {
        return Set.of();
    }

    /** One operation of the OpenAPI document: its method, path with path parameters filled in, and required roles. */
    record Operation(String method, String path, List<String> roles, List<String> bodyTypes) {
        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }

        boolean takesJson() {
            return bodyTypes.contains("application/json");
        }
    }

    private static List<Operation> operations() {
        Set<String> httpMethods = Set.of("get", "put", "post", "delete", "patch");
        JsonNode document;
        try {
            document = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi").asString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "hostile-probe");
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!httpMethods.contains(method.getKey())) {
                    continue;
                }
                List<String> roles = new ArrayList<>();
                method.getValue().path("security").forEach(requirement -> requirement.forEach(scheme -> scheme.forEach(role -> roles.add(role.asText()))));
                List<String> bodyTypes = new ArrayList<>();
                method.getValue().path("requestBody").path("content").fieldNames().forEachRemaining(bodyTypes::add);
                operations.add(new Operation(method.getKey(), concrete, roles, bodyTypes));
            }
        }
        assertFalse(operations.isEmpty(), "operations in /q/openapi");
        return operations;
    }

    private List<Operation> guarded() {
        return operations().stream().filter(o -> !operationsWithoutRole().contains(o.method().toUpperCase() + " " + o.path())).toList();
    }

    @Test
    default void everyOperationRequiresAKnownRoleUnlessItIsDeclaredOpen() {
        List<Operation> operations = operations();
        for (Operation operation : operations) {
            if (operationsWithoutRole().contains(operation.toString())) {
                assertTrue(operation.roles().isEmpty(), operation + " is declared open but requires " + operation.roles());
            } else {
                assertFalse(operation.roles().isEmpty(), operation + " requires no role");
                assertTrue(ROLES.containsAll(operation.roles()), operation + " requires unknown roles " + operation.roles());
            }
        }
        assertTrue(operations.stream().map(Operation::toString).toList().containsAll(operationsWithoutRole()),
                "operations declared open exist: " + operationsWithoutRole());
    }

    @Test
    default void withoutCredentialsOrWithAnUnknownKeyEveryGuardedOperationIs401() {
        for (Operation operation : guarded()) {
            assertProblem(send(given(), operation), 401, operation);
            assertProblem(send(given().header("X-Api-Key", "no-such-key-" + operation.path().hashCode()), operation), 401, operation);
        }
    }

    @Test
    default void aRoleBelowTheRequiredOneIs403() {
        int checked = 0;
        for (Operation operation : guarded()) {
            int weakestAllowed = operation.roles().stream().mapToInt(ROLES::indexOf).min().orElseThrow();
            if (weakestAllowed > 0) {
                assertProblem(send(given().header("X-Api-Key", apiKey(ROLES.get(weakestAllowed - 1))), operation), 403, operation);
                checked++;
            }
        }
        assertTrue(checked > 0, "some operation needs more than viewer");
    }

    @Test
    default void malformedJsonIs400() {
        for (Operation operation : jsonOperations()) {
            assertProblem(sendJson(operation, "{\"id\": \"a\", "), 400, operation);
            assertProblem(sendJson(operation, "[1, 2"), 400, operation);
            assertProblem(sendJson(operation, "\u0000\u0001binary"), 400, operation);
        }
    }

    @Test
    default void deeplyNestedJsonIs400() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String deepObject = "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000);
        for (Operation operation : jsonOperations()) {
            assertProblem(sendJson(operation, deep), 400, operation);
            assertProblem(sendJson(operation, deepObject), 400, operation);
        }
    }

    @Test
    default void aBodyOverTheHttpLimitIs413() {
        long limit = bodyLimit();
        byte[] oversized = ("{\"padding\":\"" + "x".repeat((int) limit) + "\"}").getBytes(StandardCharsets.UTF_8);
        for (Operation operation : jsonOperations()) {
            assertProblem(given().header("X-Api-Key", apiKey("admin")).contentType("application/json").body(oversized)
                    .request(operation.method(), operation.path()), 413, operation);
        }
    }

    private List<Operation> jsonOperations() {
        List<Operation> json = guarded().stream().filter(Operation::takesJson).toList();
        assertFalse(json.isEmpty(), "some operation takes JSON");
        return json;
    }

    /** The service's {@code quarkus.http.limits.max-body-size} in bytes (Quarkus's default is 10240K). */
    private static long bodyLimit() {
        String size = ConfigProvider.getConfig().getOptionalValue("quarkus.http.limits.max-body-size", String.class).orElse("10240K").trim();
        char unit = Character.toUpperCase(size.charAt(size.length() - 1));
        int shift = switch (unit) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            default -> 0;
        };
        return Long.parseLong(shift == 0 ? size : size.substring(0, size.length() - 1)) << shift;
    }

    /** An operation called with a harmless body of a kind it takes: an empty JSON object, a small file, or nothing. */
    private static io.restassured.response.Response send(RequestSpecification request, Operation operation) {
        if (operation.takesJson()) {
            request = request.contentType("application/json").body("{}");
        } else if (!operation.bodyTypes().isEmpty() && operation.bodyTypes().getFirst().startsWith("multipart/")) {
            request = request.multiPart("file", "probe.yml", "on: push\n".getBytes(StandardCharsets.UTF_8));
        } else if (!operation.bodyTypes().isEmpty()) {
            request = request.contentType(operation.bodyTypes().getFirst()).body("on: push\n");
        }
        return request.request(operation.method(), operation.path());
    }

    private io.restassured.response.Response sendJson(Operation operation, String body) {
        return given().header("X-Api-Key", apiKey("admin")).contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8))
                .request(operation.method(), operation.path());
    }

    private static ValidatableResponse assertProblem(io.restassured.response.Response response, int status, Operation operation) {
        String body = response.asString();
        assertEquals(status, response.statusCode(), operation + " answered " + body);
        assertFalse(body.contains("Exception") || body.contains("\tat "), operation + " answered with internals: " + body);
        return response.then()
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("title", not(emptyOrNullString()))
                .body("detail", not(emptyOrNullString()));
    }
}
