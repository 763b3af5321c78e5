package dev.tokenwarden.auditor.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tokenwarden.auditor.domain.fix.TagResolutionException;
import dev.tokenwarden.auditor.domain.fix.TagResolver;

/**
 * Resolves a tag through GitHub's REST API: {@code GET /repos/{owner}/{repo}/git/ref/tags/{tag}}, and for an
 * annotated tag {@code GET /repos/{owner}/{repo}/git/tags/{sha}} until the object is a commit. Each call has a
 * timeout; a 5xx or an I/O failure is retried twice. The token, when given, is sent and never put in a message.
 */
final class GitHubTagResolver implements TagResolver {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int ATTEMPTS = 3;
    /** Annotated tags may point at tags; real chains are one deep, this bounds a malicious one. */
    private static final int MAX_PEELS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI apiBase;
    private final Optional<String> token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    GitHubTagResolver(URI apiBase, Optional<String> token) {
        String base = apiBase.toString();
        this.apiBase = URI.create(base.endsWith("/") ? base : base + "/");
        this.token = token.filter(t -> !t.isBlank());
    }

    @Override
    public Optional<String> commitSha(String owner, String repo, String tag) throws TagResolutionException {
        String repository = "repos/" + encode(owner) + "/" + encode(repo) + "/git/";
        Optional<JsonNode> ref = get(repository + "ref/tags/" + encodePath(tag), owner + "/" + repo + " tag " + tag);
        if (ref.isEmpty() || !ref.get().path("object").isObject()) {
            return Optional.empty();
        }
        JsonNode object = ref.get().path("object");
        for (int peel = 0; peel <= MAX_PEELS; peel++) {
            String type = object.path("type").asText();
            String sha = object.path("sha").asText();
            if (!sha.matches("[0-9a-f]{40}")) {
                throw new TagResolutionException("GitHub answered an object without a commit SHA for tag " + tag);
            }
            if (type.equals("commit")) {
                return Optional.of(sha);
            }
            if (!type.equals("tag")) {
                throw new TagResolutionException("tag " + tag + " of " + owner + "/" + repo + " points to a " + type
                        + ", not a commit");
            }
            Optional<JsonNode> annotated = get(repository + "tags/" + sha, owner + "/" + repo + " annotated tag " + tag);
            if (annotated.isEmpty()) {
                return Optional.empty();
            }
            object = annotated.get().path("object");
        }
        throw new TagResolutionException("tag " + tag + " of " + owner + "/" + repo + " is nested more than "
                + MAX_PEELS + " tags deep");
    }

    /** The JSON at {@code path}; empty on 404 (GitHub's answer for a missing tag, or a private repository). */
    private Optional<JsonNode> get(String path, String what) throws TagResolutionException {
        HttpRequest.Builder request = HttpRequest.newBuilder(apiBase.resolve(path)).timeout(TIMEOUT).GET()
                .header("Accept", "application/vnd.github+json").header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "tokenwarden-audit");
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        String failure = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    return Optional.of(JSON.readTree(response.body()));
                }
                if (status == 404) {
                    return Optional.empty();
                }
                failure = "GitHub answered " + status + " for " + what;
                if (status < 500) {
                    break;
                }
            } catch (IOException e) {
                failure = "GitHub could not be reached for " + what + " (" + e.getClass().getSimpleName() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TagResolutionException("interrupted while resolving " + what);
            }
        }
        throw new TagResolutionException(failure);
    }

    /** A tag may hold slashes ({@code release/v1}); GitHub takes them as path separators. */
    private static String encodePath(String path) {
        return String.join("/", Arrays.stream(path.split("/", -1)).map(GitHubTagResolver::encode).toList());
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
