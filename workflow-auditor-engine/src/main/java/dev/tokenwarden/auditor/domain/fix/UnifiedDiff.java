package dev.tokenwarden.auditor.domain.fix;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders the change between two texts as a unified diff ({@code diff -u}, three lines of context, paths
 * {@code a/<path>} and {@code b/<path>}), so that {@code git apply} and {@code patch -p1} accept it. Lines are
 * compared whole, line ending included, so a CRLF file's diff keeps its CRs.
 */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;
    /** Above this many line pairs the changed middle is shown as removed then added, not matched line by line. */
    private static final long MAX_MATCHED_PAIRS = 4_000_000;

    private UnifiedDiff() {
    }

    public static String render(String path, String before, String after) {
        if (before.equals(after)) {
            return "";
        }
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<Op> ops = diff(a, b);
        StringBuilder out = new StringBuilder("--- a/").append(path).append('\n')
                .append("+++ b/").append(path).append('\n');
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i).kind == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // extend the hunk while the next change is within 2 * CONTEXT unchanged lines
            int j = i;
            while (j < ops.size()) {
                if (ops.get(j).kind != ' ') {
                    end = j;
                    j++;
                    continue;
                }
                int run = j;
                while (run < ops.size() && ops.get(run).kind == ' ') {
                    run++;
                }
                if (run == ops.size() || run - j > 2 * CONTEXT) {
                    break;
                }
                j = run;
            }
            int stop = Math.min(ops.size(), end + 1 + CONTEXT);
            appendHunk(out, ops.subList(start, stop));
            i = stop;
        }
        return out.toString();
    }

    private static void appendHunk(StringBuilder out, List<Op> hunk) {
        int oldStart = hunk.getFirst().oldLine;
        int newStart = hunk.getFirst().newLine;
        int oldCount = (int) hunk.stream().filter(o -> o.kind != '+').count();
        int newCount = (int) hunk.stream().filter(o -> o.kind != '-').count();
        out.append("@@ -").append(range(oldStart, oldCount)).append(" +").append(range(newStart, newCount))
                .append(" @@\n");
        for (Op op : hunk) {
            out.append(op.kind).append(op.text);
            if (!op.text.endsWith("\n")) {
                out.append("\n\\ No newline at end of file\n");
            }
        }
    }

    /** {@code start,count} as diff writes it: an empty range names the line before it. */
    private static String range(int start, int count) {
        return (count == 0 ? start - 1 : start) + "," + count;
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(from, i + 1));
                from = i + 1;
            }
        }
        if (from < text.length()) {
            lines.add(text.substring(from));
        }
        return lines;
    }

    /** One line of the edit script; {@code oldLine}/{@code newLine} are 1-based positions it sits at. */
    private record Op(char kind, String text, int oldLine, int newLine) {
    }

    /** Longest common subsequence over the lines between the common prefix and suffix; fixes change few lines. */
    private static List<Op> diff(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        int n = a.size() - prefix - suffix;
        int m = b.size() - prefix - suffix;
        boolean matched = (long) n * m <= MAX_MATCHED_PAIRS;
        int[][] lcs = matched ? new int[n + 1][m + 1] : new int[1][1];
        for (int x = matched ? n - 1 : -1; x >= 0; x--) {
            for (int y = m - 1; y >= 0; y--) {
                lcs[x][y] = a.get(prefix + x).equals(b.get(prefix + y)) ? lcs[x + 1][y + 1] + 1
                        : Math.max(lcs[x + 1][y], lcs[x][y + 1]);
            }
        }
        List<Op> ops = new ArrayList<>();
        for (int k = 0; k < prefix; k++) {
            ops.add(new Op(' ', a.get(k), k + 1, k + 1));
        }
        int x = 0;
        int y = 0;
        while (x < n || y < m) {
            int oldLine = prefix + x + 1;
            int newLine = prefix + y + 1;
            if (!matched) {
                boolean removing = x < n;
                ops.add(removing ? new Op('-', a.get(prefix + x), oldLine, newLine) : new Op('+', b.get(prefix + y), oldLine, newLine));
                x += removing ? 1 : 0;
                y += removing ? 0 : 1;
            } else if (x < n && y < m && a.get(prefix + x).equals(b.get(prefix + y))) {
                ops.add(new Op(' ', a.get(prefix + x), oldLine, newLine));
                x++;
                y++;
            } else if (x < n && (y == m || lcs[x + 1][y] >= lcs[x][y + 1])) {
                ops.add(new Op('-', a.get(prefix + x), oldLine, newLine));
                x++;
            } else {
                ops.add(new Op('+', b.get(prefix + y), oldLine, newLine));
                y++;
            }
        }
        for (int k = 0; k < suffix; k++) {
            int oldIndex = a.size() - suffix + k;
            int newIndex = b.size() - suffix + k;
            ops.add(new Op(' ', a.get(oldIndex), oldIndex + 1, newIndex + 1));
        }
        return ops;
    }
}
