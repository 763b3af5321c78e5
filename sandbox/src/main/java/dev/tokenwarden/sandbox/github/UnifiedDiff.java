package dev.tokenwarden.sandbox.github;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code patch} GitHub gives for a pull request file: unified diff hunks ({@code @@ -a,b +c,d @@}, three lines
 * of context) without file headers, from a longest common subsequence of the lines. Quadratic, which suits the
 * small files the simulator holds.
 */
final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private record Edit(char kind, String line, int oldLine, int newLine) {
    }

    private UnifiedDiff() {
    }

    /** The hunks turning {@code before} (empty for a new file) into {@code after}; empty when they are equal. */
    static String patch(String before, String after) {
        List<Edit> edits = edits(lines(before), lines(after));
        StringBuilder patch = new StringBuilder();
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).kind() == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int unchanged = 0;
            for (int j = i; j < edits.size() && unchanged <= 2 * CONTEXT; j++) {
                unchanged = edits.get(j).kind() == ' ' ? unchanged + 1 : 0;
                end = j;
            }
            end = Math.min(edits.size() - 1, end - Math.max(0, unchanged - CONTEXT));
            hunk(edits.subList(start, end + 1), patch);
            i = end + 1;
        }
        return patch.isEmpty() ? "" : patch.substring(0, patch.length() - 1);
    }

    private static void hunk(List<Edit> edits, StringBuilder patch) {
        int oldCount = (int) edits.stream().filter(e -> e.kind() != '+').count();
        int newCount = (int) edits.stream().filter(e -> e.kind() != '-').count();
        int oldStart = edits.stream().filter(e -> e.kind() != '+').findFirst().map(Edit::oldLine).orElse(edits.getFirst().oldLine());
        int newStart = edits.stream().filter(e -> e.kind() != '-').findFirst().map(Edit::newLine).orElse(edits.getFirst().newLine());
        patch.append("@@ -").append(oldStart).append(',').append(oldCount).append(" +").append(newStart).append(',').append(newCount).append(" @@\n");
        edits.forEach(e -> patch.append(e.kind()).append(e.line()).append('\n'));
    }

    private static List<Edit> edits(List<String> a, List<String> b) {
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Edit> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                edits.add(new Edit(' ', a.get(i), ++i, ++j));
            } else if (j < b.size() && (i == a.size() || common[i][j + 1] > common[i + 1][j])) {
                edits.add(new Edit('+', b.get(j), i, ++j));
            } else {
                edits.add(new Edit('-', a.get(i), ++i, j));
            }
        }
        return edits;
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        return List.of((text.endsWith("\n") ? text.substring(0, text.length() - 1) : text).split("\n", -1));
    }
}
