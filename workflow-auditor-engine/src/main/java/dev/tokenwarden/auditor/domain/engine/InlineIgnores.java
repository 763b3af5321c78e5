package dev.tokenwarden.auditor.domain.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code # tokenwarden: ignore[rule-id, other-rule]} comments. One silences the listed rules on its own
 * line, and on the next line when it stands alone on its line.
 */
final class InlineIgnores {

    private static final Pattern IGNORE = Pattern.compile("#\\s*tokenwarden:\\s*ignore\\[([^\\]]*)]");

    private final Map<Integer, Set<String>> byLine = new HashMap<>();

    InlineIgnores(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = IGNORE.matcher(lines.get(i));
            if (!m.find()) {
                continue;
            }
            Set<String> ids = new HashSet<>();
            for (String id : m.group(1).split(",")) {
                if (!id.isBlank()) {
                    ids.add(id.strip());
                }
            }
            int line = i + 1;
            byLine.computeIfAbsent(line, l -> new HashSet<>()).addAll(ids);
            if (lines.get(i).strip().startsWith("#")) {
                byLine.computeIfAbsent(line + 1, l -> new HashSet<>()).addAll(ids);
            }
        }
    }

    boolean ignores(String ruleId, int line) {
        return byLine.getOrDefault(line, Set.of()).contains(ruleId);
    }
}
