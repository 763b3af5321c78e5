package dev.tokenwarden.scheduler.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code tokenwarden-dry-run}: what a manual or emergency rotation of a scope would do, asked of a running scheduler
 * ({@code POST /rotations?dryRun=true}) and printed as a table: which credentials, when, from which app installation's
 * budget, and what finds no budget within 7 days. Nothing is requested; the scheduler records the dry run as an operator
 * action. JDK classes only, so the launcher ({@code rotation-scheduler/bin/tokenwarden-dry-run}) runs this one source
 * file with no build.
 *
 * <p>Exit codes: 0 every matched credential is planned; 1 some are unplanned (no budget within 7 days); 2 usage error
 * or a request the scheduler refused (unknown scope, no match, missing role or key); 3 the scheduler could not be
 * reached or failed.
 */
public final class DryRunCommand {
    public static final int PLANNED = 0;
    public static final int UNPLANNED = 1;
    public static final int REFUSED = 2;
    public static final int UNREACHABLE = 3;
    private static final Set<String> SCOPES = Set.of("credential", "tier", "repository", "consumer", "all");
    private static final String USAGE = """
            usage: tokenwarden-dry-run SCOPE [VALUE] [--emergency] [--limit N] [--url URL]
              SCOPE   credential, tier, repository, consumer (each with a VALUE) or all (admin)
              --emergency  preview an emergency rotation (default: manual)
              --limit N    list at most N credentials (default 1000)
              --url URL    the scheduler (default $TOKENWARDEN_SCHEDULER_URL, else http://127.0.0.1:8081)
            The API key (operator or admin) is read from $TOKENWARDEN_API_KEY.
            Exit codes: 0 all planned, 1 some unplanned, 2 usage or refused, 3 scheduler unreachable or failing.""";

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    public DryRunCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new DryRunCommand(System.getenv(), System.out, System.err).run(args));
    }

    public int run(String[] args) {
        List<String> positional = new ArrayList<>();
        String reason = "manual";
        String limit = "1000";
        String url = env.getOrDefault("TOKENWARDEN_SCHEDULER_URL", "http://127.0.0.1:8081");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--emergency" -> reason = "emergency";
                case "--limit", "--url" -> {
                    if (i + 1 == args.length) {
                        return usage(args[i] + " needs a value");
                    }
                    if (args[i].equals("--limit")) {
                        limit = args[++i];
                    } else {
                        url = args[++i];
                    }
                }
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return PLANNED;
                }
                default -> {
                    if (args[i].startsWith("--")) {
                        return usage("unknown option " + args[i]);
                    }
                    positional.add(args[i]);
                }
            }
        }
        if (positional.isEmpty() || !SCOPES.contains(positional.getFirst())) {
            return usage(positional.isEmpty() ? "a SCOPE is required" : "unknown scope '" + positional.getFirst() + "'");
        }
        String scope = positional.getFirst();
        if (scope.equals("all") ? positional.size() != 1 : positional.size() != 2) {
            return usage(scope.equals("all") ? "scope all takes no value" : "scope " + scope + " needs one VALUE");
        }
        if (!limit.matches("[0-9]{1,9}")) {
            return usage("--limit must be a number, was '" + limit + "'");
        }
        String key = env.get("TOKENWARDEN_API_KEY");
        if (key == null || key.isBlank()) {
            return usage("set TOKENWARDEN_API_KEY to an operator's (or, for scope all, an admin's) API key");
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("scope", scope);
        if (positional.size() == 2) {
            request.put("value", positional.get(1));
        }
        request.put("reason", reason);
        return ask(url, key, Json.write(request), limit, scope + (positional.size() == 2 ? " '" + positional.get(1) + "'" : ""));
    }

    private int ask(String url, String key, String body, String limit, String what) {
        URI endpoint;
        try {
            endpoint = URI.create(url.replaceAll("/+$", "") + "/rotations?dryRun=true&limit=" + URLEncoder.encode(limit, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return usage("--url is not a URL: " + url);
        }
        HttpResponse<String> response;
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            response = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                    .header("X-Api-Key", key).header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            err.println("tokenwarden-dry-run: no scheduler answers at " + url + " (connection refused)");
            return UNREACHABLE;
        } catch (IOException e) {
            err.println("tokenwarden-dry-run: asking " + url + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
            return UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNREACHABLE;
        } catch (IllegalArgumentException e) {
            return usage("--url is not an http(s) URL: " + url);
        }
        Object answer;
        try {
            answer = Json.parse(response.body());
        } catch (IllegalArgumentException e) {
            answer = Map.of();
        }
        if (response.statusCode() != 200) {
            err.println("tokenwarden-dry-run: the scheduler answered HTTP " + response.statusCode() + ": " + problem(answer, response.statusCode()));
            return response.statusCode() >= 500 ? UNREACHABLE : REFUSED;
        }
        return print(answer, what);
    }

    private static String problem(Object answer, int status) {
        if (answer instanceof Map<?, ?> problem) {
            Object detail = problem.get("detail") != null ? problem.get("detail") : problem.get("title");
            if (detail != null) {
                return detail.toString();
            }
        }
        return status == 401 ? "no valid API key" : status == 403 ? "the API key's role may not do this" : "no details";
    }

    private int print(Object answer, String what) {
        Map<?, ?> dryRun = (Map<?, ?>) answer;
        Map<?, ?> preview = (Map<?, ?>) dryRun.get("preview");
        int unplanned = ((Number) preview.get("unplanned")).intValue();
        out.printf("Dry run: %s rotation of %s at %s: %s credential(s), %d unplanned; nothing requested (operator action %s)%n",
                String.valueOf(dryRun.get("reason")).toLowerCase(Locale.ROOT), what, preview.get("at"), preview.get("credentials"),
                unplanned, dryRun.get("actionId"));
        List<List<String>> rotations = new ArrayList<>();
        rotations.add(List.of("CREDENTIAL", "KIND", "TIER", "CONSUMER", "BUDGET", "WHEN", "NOW", "REPLICA"));
        for (Object item : (List<?>) preview.get("rotations")) {
            Map<?, ?> r = (Map<?, ?>) item;
            rotations.add(List.of(text(r.get("credentialId")), text(r.get("kind")), text(r.get("tier")), text(r.get("consumer")),
                    text(r.get("installation")), r.get("estimatedAt") == null ? "unplanned" : text(r.get("estimatedAt")),
                    text(r.get("currentStatus")), Boolean.TRUE.equals(r.get("ownedHere")) ? "this" : "other"));
        }
        table(rotations);
        List<List<String>> installations = new ArrayList<>();
        installations.add(List.of("BUDGET", "ROTATIONS", "MODE", "PER-MINUTE", "REMAINING", "LIMIT", "RESET"));
        for (Object item : (List<?>) preview.get("installations")) {
            Map<?, ?> i = (Map<?, ?>) item;
            installations.add(List.of(text(i.get("installation")), text(i.get("rotations")), text(i.get("mode")), text(i.get("budgetPerMinute")),
                    text(i.get("remaining")), text(i.get("limit")), text(i.get("resetAt"))));
        }
        out.println();
        table(installations);
        if (preview.get("lastEmissionAt") != null) {
            out.println();
            out.println("Last emission at " + preview.get("lastEmissionAt"));
        }
        return unplanned > 0 ? UNPLANNED : PLANNED;
    }

    private static String text(Object value) {
        return value == null ? "-" : value instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : value.toString();
    }

    private void table(List<List<String>> rows) {
        int[] widths = new int[rows.getFirst().size()];
        rows.forEach(row -> {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        });
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                line.append(c == row.size() - 1 ? row.get(c) : String.format("%-" + (widths[c] + 2) + "s", row.get(c)));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private int usage(String problem) {
        err.println("tokenwarden-dry-run: " + problem);
        err.println(USAGE);
        return REFUSED;
    }

    /** Just enough JSON for one request and one answer: objects, arrays, strings, numbers, booleans, null. */
    static final class Json {
        private final String text;
        private int at;

        private Json(String text) {
            this.text = text;
        }

        static Object parse(String text) {
            Json json = new Json(text);
            Object value = json.value();
            json.blanks();
            if (json.at != text.length()) {
                throw new IllegalArgumentException("trailing text at " + json.at);
            }
            return value;
        }

        static String write(Map<String, Object> fields) {
            StringBuilder out = new StringBuilder("{");
            fields.forEach((name, value) -> out.append(out.length() > 1 ? "," : "").append(quote(name)).append(':').append(quote(value.toString())));
            return out.append('}').toString();
        }

        private static String quote(String text) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.append('"').toString();
        }

        private Object value() {
            blanks();
            if (at >= text.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            char c = text.charAt(at);
            if (c == '{') {
                Map<String, Object> object = new LinkedHashMap<>();
                at++;
                blanks();
                if (peek('}')) {
                    return object;
                }
                do {
                    blanks();
                    String name = string();
                    blanks();
                    expect(':');
                    object.put(name, value());
                    blanks();
                } while (peek(','));
                expect('}');
                return object;
            }
            if (c == '[') {
                List<Object> array = new ArrayList<>();
                at++;
                blanks();
                if (peek(']')) {
                    return array;
                }
                do {
                    array.add(value());
                    blanks();
                } while (peek(','));
                expect(']');
                return array;
            }
            if (c == '"') {
                return string();
            }
            for (String word : List.of("true", "false", "null")) {
                if (text.startsWith(word, at)) {
                    at += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            if (start == at) {
                throw new IllegalArgumentException("unexpected '" + c + "' at " + at);
            }
            return Double.valueOf(text.substring(start, at));
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (at < text.length() && text.charAt(at) != '"') {
                char c = text.charAt(at++);
                if (c == '\\') {
                    char escaped = text.charAt(at++);
                    switch (escaped) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                            at += 4;
                        }
                        default -> out.append(escaped);
                    }
                } else {
                    out.append(c);
                }
            }
            expect('"');
            return out.toString();
        }

        private void blanks() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        /** Steps over {@code c} when it comes next. */
        private boolean peek(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at " + at);
            }
        }
    }
}
