package dev.tokenwarden.auditor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code tokenwarden-audit fix --pull-request}: asks the workflow-auditor service to fix a repository's workflows and
 * open a pull request ({@code POST /repositories/{owner}/{repo}/fixes}), with the API key in {@value #API_KEY_VARIABLE}.
 * The request has a timeout; a connection failure or a 503 is retried twice, which is safe because the service answers
 * a repeated request with the pull request it already opened. The key is sent and never printed.
 */
final class PullRequestFix {
    static final String API_KEY_VARIABLE = "TOKENWARDEN_API_KEY";
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}/[A-Za-z0-9_.-]{1,100}");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A fix run reads every workflow and writes a commit and a pull request through GitHub: minutes at worst. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(3);
    private static final int ATTEMPTS = 3;
    private static final Duration BACKOFF = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    /** The exit code: 0 opened (or found open, or nothing to fix), 1 some findings left unfixed, 2 any error. */
    int run(URI server, String repository, List<String> rules, Optional<String> base, Optional<String> apiKey, PrintWriter out,
            PrintWriter err) {
        if (server == null || repository == null) {
            err.println("--pull-request needs --server URL and --repository owner/repo");
            return AuditCli.EXIT_INPUT_ERROR;
        }
        if (!REPOSITORY.matcher(repository).matches()) {
            err.println("--repository must be owner/repo, not " + repository);
            return AuditCli.EXIT_INPUT_ERROR;
        }
        if (!"http".equals(server.getScheme()) && !"https".equals(server.getScheme())) {
            err.println("--server must be an http or https URL");
            return AuditCli.EXIT_INPUT_ERROR;
        }
        if (apiKey.filter(k -> !k.isBlank()).isEmpty()) {
            err.println("set " + API_KEY_VARIABLE + " to an API key of the workflow-auditor with the operator role");
            return AuditCli.EXIT_INPUT_ERROR;
        }
        ObjectNode body = JSON.createObjectNode();
        rules.forEach(body.putArray("rules")::add);
        base.ifPresent(b -> body.put("base", b));
        String root = server.toString().endsWith("/") ? server.toString() : server + "/";
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + "repositories/" + repository + "/fixes"))
                .timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json").header("Accept", "application/json")
                .header("X-Api-Key", apiKey.get()).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        try {
            HttpResponse<String> response = send(request);
            return report(response, out, err);
        } catch (IOException e) {
            err.println("the workflow-auditor at " + server + " could not be reached: " + describe(e));
            return AuditCli.EXIT_INPUT_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return AuditCli.EXIT_INPUT_ERROR;
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 503 || attempt == ATTEMPTS) {
                    return response;
                }
            } catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
            Thread.sleep(BACKOFF.toMillis() * attempt);
        }
    }

    private static int report(HttpResponse<String> response, PrintWriter out, PrintWriter err) {
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            err.println("the workflow-auditor answered " + response.statusCode() + " with a body that is not JSON");
            return AuditCli.EXIT_INPUT_ERROR;
        }
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            err.println("the workflow-auditor refused (" + response.statusCode() + "): " + json.path("title").asText("error")
                    + (json.hasNonNull("detail") ? ": " + json.path("detail").asText() : ""));
            return AuditCli.EXIT_INPUT_ERROR;
        }
        for (JsonNode fix : json.path("fixes")) {
            err.println(fix.path("path").asText() + ":" + fix.path("line").asInt() + ": fixed " + fix.path("ruleId").asText() + ": "
                    + fix.path("description").asText());
        }
        for (JsonNode left : json.path("unfixable")) {
            err.println(left.path("path").asText() + ":" + left.path("line").asInt() + ": not fixed " + left.path("ruleId").asText() + ": "
                    + left.path("reason").asText());
        }
        JsonNode pull = json.path("pullRequest");
        if (pull.isObject()) {
            out.println(pull.path("url").asText());
            err.println(json.path("created").asBoolean() ? "pull request opened" : "a pull request with these fixes is already open");
        } else {
            err.println("nothing to fix: no pull request opened");
        }
        out.flush();
        return json.path("unfixable").isEmpty() ? AuditCli.EXIT_CLEAN : AuditCli.EXIT_FINDINGS;
    }

    private static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        return e instanceof HttpTimeoutException ? "no answer within " + REQUEST_TIMEOUT.toMinutes() + " minutes"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
}
