package dev.tokenwarden.auditor.domain.checks;

import dev.tokenwarden.platform.github.PullRequestFile;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines a pull request adds or changes in each file, read from the {@code patch} hunks GitHub gives for its
 * files: a line counts when the head's side of a hunk adds it ({@code +}), not when it is only context. A file GitHub
 * gives no patch for (a very large diff) counts as changed throughout, so no finding in it goes unannotated.
 */
public final class ChangedLines {
    private static final Pattern HUNK = Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@");

    private final Map<String, Set<Integer>> added;
    private final Set<String> whollyChanged;

    private ChangedLines(Map<String, Set<Integer>> added, Set<String> whollyChanged) {
        this.added = added;
        this.whollyChanged = whollyChanged;
    }

    public static ChangedLines of(List<PullRequestFile> files) {
        Map<String, Set<Integer>> added = new HashMap<>();
        Set<String> wholly = new HashSet<>();
        for (PullRequestFile file : files) {
            if (file.removed()) {
                continue;
            }
            if (file.patch() == null) {
                wholly.add(file.filename());
            } else {
                added.put(file.filename(), addedLines(file.patch()));
            }
        }
        return new ChangedLines(Map.copyOf(added), Set.copyOf(wholly));
    }

    /** Whether line {@code line} (from 1) of {@code path} at the head is one the pull request adds or changes. */
    public boolean contains(String path, int line) {
        return whollyChanged.contains(path) || added.getOrDefault(path, Set.of()).contains(line);
    }

    /** The head-side line numbers of the lines {@code patch} adds. */
    static Set<Integer> addedLines(String patch) {
        Set<Integer> lines = new HashSet<>();
        int next = 0;
        for (String line : patch.split("\n", -1)) {
            Matcher hunk = HUNK.matcher(line);
            if (hunk.find()) {
                next = Integer.parseInt(hunk.group(1));
            } else if (line.startsWith("+")) {
                lines.add(next++);
            } else if (line.startsWith(" ")) {
                next++;
            }
            // '-' lines are the base's and "\ No newline at end of file" is a marker: neither moves the head's count.
        }
        return Set.copyOf(lines);
    }
}
