package dev.tokenwarden.notifier;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** REST calls as one of the test API keys of src/test/resources/application.properties. */
final class ApiCallers {
    static final String VIEWER = "vic-viewer";
    static final String OPERATOR = "olga-operator";
    static final String ADMIN = "ada-admin";

    private ApiCallers() {
    }

    static RequestSpecification asViewer() {
        return given().header("X-Api-Key", "test-viewer-key");
    }

    static RequestSpecification asOperator() {
        return given().header("X-Api-Key", "test-operator-key");
    }

    static RequestSpecification asAdmin() {
        return given().header("X-Api-Key", "test-admin-key");
    }
}
