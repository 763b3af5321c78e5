package dev.tokenwarden.auditor.domain.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void noChangeIsNoDiff() {
        assertThat(UnifiedDiff.render("a.yml", "x\n", "x\n")).isEmpty();
    }

    @Test
    void distantChangesAreSeparateHunksWithThreeLinesOfContext() {
        String before = numbered(1, 20);
        String after = before.replace("line 2\n", "line 2\nadded\n").replace("line 17\n", "changed 17\n");
        assertThat(UnifiedDiff.render(".github/workflows/ci.yml", before, after)).isEqualTo("""
                --- a/.github/workflows/ci.yml
                +++ b/.github/workflows/ci.yml
                @@ -1,5 +1,6 @@
                 line 1
                 line 2
                +added
                 line 3
                 line 4
                 line 5
                @@ -14,7 +15,7 @@
                 line 14
                 line 15
                 line 16
                -line 17
                +changed 17
                 line 18
                 line 19
                 line 20
                """);
    }

    @Test
    void crLineEndingsStayInTheDiffAndAMissingFinalNewlineIsMarked() {
        String diff = UnifiedDiff.render("w.yml", "a\r\nb", "a\r\nc");
        assertThat(diff).isEqualTo("--- a/w.yml\n+++ b/w.yml\n@@ -1,2 +1,2 @@\n a\r\n-b\n\\ No newline at end of file\n"
                + "+c\n\\ No newline at end of file\n");
    }

    @Test
    void insertionIntoAnEmptyFileNamesLineZero() {
        assertThat(UnifiedDiff.render("n.yml", "", "x\n")).isEqualTo("--- a/n.yml\n+++ b/n.yml\n@@ -0,0 +1,1 @@\n+x\n");
    }

    private static String numbered(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
    }
}
