package dev.tokenwarden.sandbox.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's own rules, over raw HTTP: app JWT checks, rate headers and budgets, faults, the request log. */
class GitHubSimulatorTest {
    private static final Instant NOW = Instant.parse("2026-07-01T09:00:00Z");

    private final ManualClock clock = new ManualClock(NOW);
    private final HttpClient http = HttpClient.newHttpClient();
    private GitHubSimulator github;
    private SimulatedApp app;

    @BeforeEach
    void start() {
        github = GitHubSimulator.start(clock);
        app = github.registerApp(11);
        github.addInstallation(11, 22, "acme", List.of(), Map.of("contents", "read"));
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void acceptsAJwtWithinGitHubsRules() throws Exception {
        HttpResponse<String> response = getInstallation(jwt(app.clientId(), NOW.minusSeconds(60), NOW.plusSeconds(540)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"app_id\":11");
        assertThat(response.headers().firstValue("x-ratelimit-limit")).contains("5000");
        assertThat(response.headers().firstValue("x-ratelimit-remaining")).contains("4999");
        assertThat(response.headers().firstValue("x-ratelimit-reset")).contains(Long.toString(NOW.plus(Duration.ofHours(1)).getEpochSecond()));
    }

    @Test
    void refusesJwtsThatBreakGitHubsRules() throws Exception {
        assertThat(getInstallation(jwt(app.clientId(), NOW.plusSeconds(30), NOW.plusSeconds(300))).body()).as("iat in the future")
                .contains("'Issued at' claim");
        assertThat(getInstallation(jwt(app.clientId(), NOW.minusSeconds(60), NOW.plusSeconds(660))).body()).as("exp over 10 min ahead")
                .contains("too far in the future");
        assertThat(getInstallation(jwt(app.clientId(), NOW.minusSeconds(700), NOW.minusSeconds(1))).body()).as("expired")
                .contains("'Expiration time' claim");
        assertThat(getInstallation(jwt("Iv23unknown", NOW.minusSeconds(60), NOW.plusSeconds(540))).body()).as("unknown issuer")
                .contains("'Issuer' claim");
        String valid = jwt(app.clientId(), NOW.minusSeconds(60), NOW.plusSeconds(540));
        String tampered = valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThat(getInstallation(tampered).statusCode()).as("bad signature").isEqualTo(401);
        assertThat(github.requests()).extracting(RecordedExchange::status).containsOnly(401);
    }

    @Test
    void queuedFaultsAnswerTheNextRequestsAndAreMarkedInTheLog() throws Exception {
        github.failNext(1, 503);
        github.secondaryLimitNext(1, 42);
        github.tooManyRequestsNext(1, 7);
        String jwt = jwt(app.clientId(), NOW.minusSeconds(60), NOW.plusSeconds(540));

        assertThat(getInstallation(jwt).statusCode()).isEqualTo(503);
        HttpResponse<String> secondary = getInstallation(jwt);
        assertThat(secondary.statusCode()).isEqualTo(403);
        assertThat(secondary.headers().firstValue("retry-after")).contains("42");
        assertThat(secondary.body()).contains("secondary rate limit");
        assertThat(getInstallation(jwt).headers().firstValue("retry-after")).contains("7");
        assertThat(getInstallation(jwt).statusCode()).isEqualTo(200);
        assertThat(github.requests()).extracting(RecordedExchange::injected).containsExactly(true, true, true, false);
        assertThat(github.requests()).allSatisfy(r -> assertThat(r.authScheme()).isEqualTo("app-jwt"));
    }

    @Test
    void anAimedFaultAnswersOnlyTheRequestItIsAimedAtAndWaitsForIt() throws Exception {
        String pat = github.registerClassicPat("ci", List.of("repo"), null);
        github.failNextOn("GET", "/app/installations/22", 1, 502);
        github.secondaryLimitNextOn("GET", "/app/installations/22", 1, 9);
        String jwt = jwt(app.clientId(), NOW.minusSeconds(60), NOW.plusSeconds(540));

        assertThat(get("/user", pat).statusCode()).as("another endpoint is not hit").isEqualTo(200);
        assertThat(github.aimedFaultsPending()).isEqualTo(2);
        assertThat(getInstallation(jwt).statusCode()).isEqualTo(502);
        assertThat(getInstallation(jwt).headers().firstValue("retry-after")).contains("9");
        assertThat(getInstallation(jwt).statusCode()).isEqualTo(200);
        assertThat(github.aimedFaultsPending()).isZero();
        assertThat(github.issuedCredentials()).containsExactly(pat);
    }

    @Test
    void anExhaustedBudgetAnswers403WithNothingRemainingUntilTheWindowResets() throws Exception {
        String pat = github.registerClassicPat("ci", List.of("repo"), null);
        github.setRateLimit("user:ci", 1);

        assertThat(get("/user", pat).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = get("/user", pat);
        assertThat(limited.statusCode()).isEqualTo(403);
        assertThat(limited.headers().firstValue("x-ratelimit-remaining")).contains("0");
        clock.advance(Duration.ofHours(1));
        assertThat(get("/user", pat).statusCode()).isEqualTo(200);
    }

    @Test
    void theSecondaryLimitCountsFivePointsPerWriteAndOnePerReadOverASlidingMinute() throws Exception {
        github.enforceSecondaryLimits(12);
        String jwt = jwt(app.clientId(), NOW.minusSeconds(60), NOW.plusSeconds(540));

        assertThat(mint(jwt).statusCode()).isEqualTo(201);
        clock.advance(Duration.ofSeconds(20));
        assertThat(mint(jwt).statusCode()).as("10 of 12 points").isEqualTo(201);
        assertThat(getInstallation(jwt).statusCode()).as("11 of 12 points").isEqualTo(200);
        HttpResponse<String> refused = mint(jwt);
        assertThat(refused.statusCode()).as("16 points would exceed 12").isEqualTo(403);
        assertThat(refused.body()).contains("secondary rate limit");
        assertThat(refused.headers().firstValue("retry-after")).as("the first mint leaves the minute in 40 s").contains("41");
        assertThat(get("/user", github.registerClassicPat("ci", List.of("repo"), null)).statusCode()).as("another identity").isEqualTo(200);
        clock.advance(Duration.ofSeconds(40));
        assertThat(mint(jwt).statusCode()).as("the first mint's points left the window").isEqualTo(201);
        assertThat(github.secondaryLimitRefusals()).isEqualTo(1);
    }

    @Test
    void answersWithLatencyStillArriveWhole() throws Exception {
        github.setLatency(Duration.ofMillis(20), Duration.ofMillis(60));
        String jwt = jwt(app.clientId(), NOW.minusSeconds(60), NOW.plusSeconds(540));
        var answers = java.util.stream.IntStream.range(0, 16).mapToObj(i -> http.sendAsync(HttpRequest.newBuilder(
                URI.create(github.baseUrl() + "/app/installations/22")).header("Authorization", "Bearer " + jwt).build(),
                HttpResponse.BodyHandlers.ofString())).toList();

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.get().statusCode()).isEqualTo(200);
            assertThat(answer.get().body()).contains("\"app_id\":11");
        });
    }

    @Test
    void mintedTokensHaveGitHubsShapeAndExpireAfterAnHour() throws Exception {
        HttpResponse<String> minted = mint(jwt(app.clientId(), NOW.minusSeconds(60), NOW.plusSeconds(540)));
        String token = minted.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");

        assertThat(minted.statusCode()).isEqualTo(201);
        assertThat(token).matches("ghs_[A-Za-z0-9]{36}");
        assertThat(github.isValid(token)).isTrue();
        clock.advance(Duration.ofMinutes(60));
        assertThat(github.isValid(token)).isFalse();
        assertThat(github.requests().get(0).responseBody()).isNotEmpty();
    }

    /**
     * The OAuth token endpoint is on github.com, not in the REST API's OpenAPI description, so its answers are checked
     * against the fields and error codes of GitHub's "Refreshing user access tokens" and OAuth error pages instead.
     */
    @Test
    void refreshingAUserTokenAnswersAsGitHubDocumentsAndUsesTheRefreshTokenUp() throws Exception {
        GitHubSimulator.UserTokens first = github.authoriseUser(11, "octo-user");
        assertThat(first.accessToken()).matches("ghu_[A-Za-z0-9]{36}");
        assertThat(first.refreshToken()).matches("ghr_[A-Za-z0-9]{76}");
        assertThat(get("/user", first.accessToken()).statusCode()).isEqualTo(200);

        HttpResponse<String> refreshed = refresh(app.clientId(), app.clientSecret(), first.refreshToken());
        assertThat(refreshed.statusCode()).isEqualTo(200);
        var body = Payloads.JSON.readTree(refreshed.body());
        assertThat(body.path("access_token").asText()).startsWith("ghu_").isNotEqualTo(first.accessToken());
        assertThat(body.path("refresh_token").asText()).startsWith("ghr_").isNotEqualTo(first.refreshToken());
        assertThat(body.path("expires_in").asLong()).isEqualTo(28_800);
        assertThat(body.path("refresh_token_expires_in").asLong()).isEqualTo(15_811_200);
        assertThat(body.path("token_type").asText()).isEqualTo("bearer");
        assertThat(body.has("scope")).isTrue();
        assertThat(get("/user", body.path("access_token").asText()).statusCode()).isEqualTo(200);
        assertThat(get("/user", first.accessToken()).statusCode()).as("the replaced access token").isEqualTo(401);

        assertThat(oauthError(refresh(app.clientId(), app.clientSecret(), first.refreshToken()))).as("a used refresh token")
                .isEqualTo("bad_refresh_token");
        assertThat(oauthError(refresh(app.clientId(), "0".repeat(40), body.path("refresh_token").asText()))).as("a wrong secret")
                .isEqualTo("incorrect_client_credentials");
        assertThat(github.isRefreshTokenValid(body.path("refresh_token").asText())).as("refused requests use nothing up").isTrue();
        clock.advance(Duration.ofDays(184));
        assertThat(oauthError(refresh(app.clientId(), app.clientSecret(), body.path("refresh_token").asText()))).as("expired after 6 months")
                .isEqualTo("bad_refresh_token");
        assertThat(github.requests()).filteredOn(r -> r.path().equals("/login/oauth/access_token"))
                .allSatisfy(r -> assertThat(r.query()).isNull()).hasSize(4);
    }

    private HttpResponse<String> refresh(String clientId, String clientSecret, String refreshToken) throws Exception {
        String form = "client_id=" + clientId + "&client_secret=" + clientSecret + "&grant_type=refresh_token&refresh_token=" + refreshToken;
        return http.send(HttpRequest.newBuilder(URI.create(github.oauthBaseUrl() + "/login/oauth/access_token"))
                .header("Accept", "application/json").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String oauthError(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as("GitHub answers OAuth errors with 200").isEqualTo(200);
        var body = Payloads.JSON.readTree(response.body());
        assertThat(body.path("error_description").asText()).isNotBlank();
        assertThat(body.path("error_uri").asText()).startsWith("https://docs.github.com/");
        assertThat(body.has("access_token")).isFalse();
        return body.path("error").asText();
    }

    private HttpResponse<String> mint(String jwt) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(github.baseUrl() + "/app/installations/22/access_tokens"))
                .header("Authorization", "Bearer " + jwt).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> getInstallation(String jwt) throws Exception {
        return get("/app/installations/22", jwt);
    }

    private HttpResponse<String> get(String path, String bearer) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(github.baseUrl() + path)).header("Authorization", "Bearer " + bearer).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String jwt(String issuer, Instant issuedAt, Instant expiresAt) throws Exception {
        return AppJwts.sign(app, issuer, issuedAt, expiresAt);
    }
}
