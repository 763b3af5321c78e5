package dev.tokenwarden.auditor.domain.fix;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What GITHUB_TOKEN permissions the actions the project knows need: the shipped {@code action-permissions.txt},
 * whose header states its coverage and sources. An action it does not list is unknown, not "needs nothing".
 */
final class ActionPermissions {

    private static final String RESOURCE = "action-permissions.txt";
    private static final Set<String> LEVELS = Set.of("read", "write");

    /** owner/repo[/path] in lower case → scope → read|write (empty map: needs none). */
    private final Map<String, Map<String, String>> needs;

    ActionPermissions(Map<String, Map<String, String>> needs) {
        this.needs = Map.copyOf(needs);
    }

    static ActionPermissions bundled() {
        try (InputStream in = ActionPermissions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ActionPermissions parse(String text) {
        Map<String, Map<String, String>> needs = new HashMap<>();
        int lineNumber = 0;
        try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                String content = line.strip();
                if (content.isEmpty() || content.startsWith("#")) {
                    continue;
                }
                String[] fields = content.split("\\s+");
                if (fields.length < 2) {
                    throw new IllegalArgumentException(RESOURCE + " line " + lineNumber + ": no permissions (use -)");
                }
                Map<String, String> scopes = new TreeMap<>();
                for (int i = 1; i < fields.length && !(fields.length == 2 && fields[1].equals("-")); i++) {
                    String[] scope = fields[i].split(":");
                    if (scope.length != 2 || !LEVELS.contains(scope[1])) {
                        throw new IllegalArgumentException(RESOURCE + " line " + lineNumber + ": bad permission " + fields[i]);
                    }
                    scopes.put(scope[0], scope[1]);
                }
                needs.put(fields[0].toLowerCase(Locale.ROOT), scopes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ActionPermissions(needs);
    }

    /** The permissions {@code action} ({@code owner/repo[/path]}) needs; empty when the file does not list it. */
    Optional<Map<String, String>> needs(String action) {
        return Optional.ofNullable(needs.get(action.toLowerCase(Locale.ROOT)));
    }
}
