package dev.tokenwarden.sandbox.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ACL policy in the HCL subset Vault documents ({@code path "glob" { capabilities = [...] }}) or its
 * JSON form, and Vault's rule for which path wins when several match: the most specific one, with
 * {@code deny} overriding everything on that path.
 */
final class AclPolicy {
    static final Set<String> CAPABILITIES = Set.of("create", "read", "update", "delete", "list", "deny", "sudo", "patch");
    private static final Pattern PATH_BLOCK = Pattern.compile("path\\s+\"([^\"]+)\"\\s*\\{([^}]*)}");
    private static final Pattern CAPABILITY_LIST = Pattern.compile("capabilities\\s*=\\s*\\[([^]]*)]");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern COMMENT = Pattern.compile("(?m)(#|//).*$");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Vault's built-in {@code default} policy, reduced to what a token needs to manage itself. */
    static final AclPolicy DEFAULT = new AclPolicy(Map.of(
            "auth/token/lookup-self", Set.of("read"),
            "auth/token/renew-self", Set.of("update"),
            "auth/token/revoke-self", Set.of("update"),
            "sys/capabilities-self", Set.of("update")));

    private final Map<String, Set<String>> rules;

    private AclPolicy(Map<String, Set<String>> rules) {
        this.rules = rules;
    }

    static AclPolicy parse(String text) {
        Map<String, Set<String>> rules = text.strip().startsWith("{") ? parseJson(text) : parseHcl(text);
        if (rules.isEmpty()) {
            throw VaultError.of(400, "failed to parse policy: no path rules");
        }
        rules.values().forEach(capabilities -> capabilities.forEach(capability -> {
            if (!CAPABILITIES.contains(capability)) {
                throw VaultError.of(400, "failed to parse policy: invalid capability \"" + capability + "\"");
            }
        }));
        return new AclPolicy(rules);
    }

    private static Map<String, Set<String>> parseHcl(String text) {
        String withoutComments = COMMENT.matcher(text).replaceAll("");
        Map<String, Set<String>> rules = new LinkedHashMap<>();
        Matcher block = PATH_BLOCK.matcher(withoutComments);
        while (block.find()) {
            Matcher list = CAPABILITY_LIST.matcher(block.group(2));
            if (!list.find()) {
                throw VaultError.of(400, "failed to parse policy: path \"" + block.group(1) + "\" has no capabilities");
            }
            Set<String> capabilities = new TreeSet<>();
            Matcher quoted = QUOTED.matcher(list.group(1));
            while (quoted.find()) {
                capabilities.add(quoted.group(1));
            }
            rules.computeIfAbsent(block.group(1), path -> new TreeSet<>()).addAll(capabilities);
        }
        return rules;
    }

    private static Map<String, Set<String>> parseJson(String text) {
        try {
            Map<String, Set<String>> rules = new LinkedHashMap<>();
            JsonNode paths = MAPPER.readTree(text).path("path");
            paths.properties().forEach(entry -> {
                Set<String> capabilities = new TreeSet<>();
                entry.getValue().path("capabilities").forEach(capability -> capabilities.add(capability.asText()));
                rules.put(entry.getKey(), capabilities);
            });
            return rules;
        } catch (IOException e) {
            throw VaultError.of(400, "failed to parse policy: invalid JSON");
        }
    }

    /** Whether the union of {@code policies} grants {@code capability} on {@code path}. */
    static boolean allows(List<AclPolicy> policies, String path, String capability) {
        Map<String, Set<String>> merged = new LinkedHashMap<>();
        for (AclPolicy policy : policies) {
            policy.rules.forEach((glob, capabilities) ->
                    merged.computeIfAbsent(glob, g -> new TreeSet<>()).addAll(capabilities));
        }
        List<String> matching = new ArrayList<>();
        merged.keySet().stream().filter(glob -> matches(glob, path)).forEach(matching::add);
        Optional<String> winner = matching.stream().max(PRIORITY);
        return winner.map(merged::get)
                .filter(capabilities -> !capabilities.contains("deny"))
                .filter(capabilities -> capabilities.contains(capability))
                .isPresent();
    }

    static boolean matches(String glob, String path) {
        StringBuilder regex = new StringBuilder();
        String[] segments = glob.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (i > 0) {
                regex.append('/');
            }
            boolean last = i == segments.length - 1;
            if (segment.equals("+")) {
                regex.append("[^/]+");
            } else if (last && segment.endsWith("*")) {
                regex.append(Pattern.quote(segment.substring(0, segment.length() - 1))).append(".*");
            } else {
                regex.append(Pattern.quote(segment));
            }
        }
        return path.matches(regex.toString());
    }

    /** Vault's documented priority: later first wildcard, no trailing glob, fewer {@code +}, longer, then lexical. */
    static final Comparator<String> PRIORITY = Comparator
            .comparingInt(AclPolicy::firstWildcard)
            .thenComparing(glob -> !glob.endsWith("*"))
            .thenComparing(glob -> -plusSegments(glob))
            .thenComparingInt(String::length)
            .thenComparing(Comparator.naturalOrder());

    private static int firstWildcard(String glob) {
        int plus = glob.indexOf('+');
        int star = glob.indexOf('*');
        int first = Integer.MAX_VALUE;
        if (plus >= 0) {
            first = plus;
        }
        if (star >= 0) {
            first = Math.min(first, star);
        }
        return first;
    }

    private static int plusSegments(String glob) {
        int count = 0;
        for (String segment : glob.split("/")) {
            if (segment.equals("+")) {
                count++;
            }
        }
        return count;
    }
}
