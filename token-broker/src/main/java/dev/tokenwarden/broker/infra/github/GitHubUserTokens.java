package dev.tokenwarden.broker.infra.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenwarden.broker.BrokerConfig;
import dev.tokenwarden.broker.domain.BrokerFailure;
import dev.tokenwarden.broker.domain.CredentialTarget;
import dev.tokenwarden.broker.domain.RefreshGrants;
import dev.tokenwarden.broker.domain.Secret;
import dev.tokenwarden.broker.domain.TokenShapes;
import dev.tokenwarden.broker.domain.UserTokenRefresher;
import dev.tokenwarden.platform.github.GitHubClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * GitHub's OAuth token endpoint ({@code POST /login/oauth/access_token} on the web origin, not the REST API) with
 * {@code grant_type=refresh_token}, the app's client id from configuration and its client secret from Vault. The
 * parameters go in a form body rather than the documented query, so no URL holding the secrets reaches a proxy's log.
 * Unlike the REST client this call is never retried: a retry after a lost answer would present a refresh token GitHub
 * may have used up. GitHub answers errors with HTTP 200 and an {@code error} field.
 */
@ApplicationScoped
public class GitHubUserTokens implements UserTokenRefresher {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI tokenUrl;
    private final Duration timeout;
    private final Map<String, BrokerConfig.App> apps;
    private final RefreshGrants grants;
    private final Clock clock;

    @Inject
    public GitHubUserTokens(BrokerConfig config, GitHubClient client, RefreshGrants grants, Clock clock) {
        this(URI.create(config.githubWebUrl().orElseGet(() -> webOrigin(client.baseUrl())) + "/login/oauth/access_token"),
                config.userTokenRefreshTimeout(), config.apps(), grants, clock);
    }

    GitHubUserTokens(URI tokenUrl, Duration timeout, Map<String, BrokerConfig.App> apps, RefreshGrants grants, Clock clock) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.tokenUrl = tokenUrl;
        this.timeout = timeout;
        this.apps = Map.copyOf(apps);
        this.grants = grants;
        this.clock = clock;
    }

    /** github.com's API is on {@code api.github.com}, its OAuth pages on {@code github.com}; a GitHub Enterprise Server's API is under {@code /api/v3}. */
    static String webOrigin(URI apiBase) {
        String text = apiBase.toString();
        if (text.endsWith("/api/v3")) {
            return text.substring(0, text.length() - "/api/v3".length());
        }
        return apiBase.getHost() != null && apiBase.getHost().startsWith("api.") ? text.replaceFirst("//api\\.", "//") : text;
    }

    @Override
    public UserTokens refresh(long appId, Secret refreshToken) {
        BrokerConfig.App app = apps.get(Long.toString(appId));
        if (app == null) {
            throw new BrokerFailure("GitHub App " + appId + " is not configured (tokenwarden.broker.apps.\"" + appId + "\")", false);
        }
        Secret clientSecret = grants.clientSecret(appId).orElseThrow(() -> new BrokerFailure("no client secret of GitHub App " + appId
                + " at " + CredentialTarget.clientSecretPath(appId) + " (field client_secret)", false));
        String form = Map.of("client_id", app.clientId(), "client_secret", clientSecret.reveal(), "grant_type", "refresh_token",
                        "refresh_token", refreshToken.reveal()).entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(tokenUrl).timeout(timeout)
                .header("Accept", "application/json").header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "tokenwarden").POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpConnectTimeoutException notConnected) {
            throw new BrokerFailure("GitHub's OAuth token endpoint " + tokenUrl + " could not be reached: " + notConnected.getClass().getSimpleName(), true);
        } catch (IOException lost) {
            throw new Unanswered("the refresh sent to " + tokenUrl + " got no answer (" + lost.getClass().getSimpleName() + ")");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Unanswered("the refresh sent to " + tokenUrl + " was interrupted before its answer");
        }
        return answer(response);
    }

    private UserTokens answer(HttpResponse<byte[]> response) {
        if (response.statusCode() >= 500) {
            throw new Unanswered("GitHub's OAuth token endpoint answered HTTP " + response.statusCode() + " to the refresh");
        }
        if (response.statusCode() != 200) {
            throw new Refused("http-" + response.statusCode(), null);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException unreadable) {
            throw new Unanswered("GitHub's answer to the refresh was not JSON");
        }
        if (body.path("error").isTextual()) {
            throw new Refused(body.path("error").asText(), TokenShapes.redact(body.path("error_description").asText(null)));
        }
        if (!body.path("access_token").isTextual() || !body.path("refresh_token").isTextual()) {
            throw new Unanswered("GitHub's answer to the refresh holds no access and refresh token: the app may not use expiring user tokens");
        }
        Instant now = clock.instant();
        return new UserTokens(Secret.of(body.path("access_token").asText()), expiry(now, body.path("expires_in")),
                Secret.of(body.path("refresh_token").asText()), expiry(now, body.path("refresh_token_expires_in")));
    }

    private static Instant expiry(Instant now, JsonNode seconds) {
        return seconds.canConvertToLong() ? now.plusSeconds(seconds.asLong()) : null;
    }
}
