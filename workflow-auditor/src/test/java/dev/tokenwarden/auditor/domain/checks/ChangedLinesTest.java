package dev.tokenwarden.auditor.domain.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenwarden.platform.github.PullRequestFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangedLinesTest {

    @Test
    void onlyTheLinesAHunkAddsCountNotItsContextOrWhatItRemoves() {
        String patch = """
                @@ -1,4 +1,5 @@
                 on: push
                -permissions: write-all
                +permissions: {}
                +
                 jobs:
                   build:
                @@ -20,3 +21,3 @@ jobs:
                     steps:
                -      - run: echo old
                +      - run: echo new
                \\ No newline at end of file""";
        assertThat(ChangedLines.addedLines(patch)).containsExactlyInAnyOrder(2, 3, 22);
    }

    @Test
    void aNewFileIsAddedThroughoutAFileWithoutAPatchCountsAsChangedAndARemovedOneNot() {
        ChangedLines changed = ChangedLines.of(List.of(
                new PullRequestFile(".github/workflows/new.yml", "added", null, "@@ -0,0 +1,2 @@\n+on: push\n+jobs: {}"),
                new PullRequestFile(".github/workflows/huge.yml", "modified", null, null),
                new PullRequestFile(".github/workflows/gone.yml", "removed", null, "@@ -1 +0,0 @@\n-on: push")));
        assertThat(changed.contains(".github/workflows/new.yml", 2)).isTrue();
        assertThat(changed.contains(".github/workflows/new.yml", 3)).isFalse();
        assertThat(changed.contains(".github/workflows/huge.yml", 700)).isTrue();
        assertThat(changed.contains(".github/workflows/gone.yml", 1)).isFalse();
        assertThat(changed.contains(".github/workflows/untouched.yml", 1)).isFalse();
    }
}
