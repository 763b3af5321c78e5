package dev.tokenwarden.auditor.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChangedWorkflowsTest {
    @Test
    void workflowsAndActionMetadataAreSelectedOnce() {
        assertThat(ChangedWorkflows.select(List.of(".github/workflows/ci.yml", ".github/workflows/ci.yml",
                ".github/workflows/release.yaml", ".github/workflows/nested/x.yml", ".github/workflows/readme.md",
                "action.yml", "tools/setup/action.yaml", "src/Main.java", "docs/action.yml.txt")))
                .containsExactly(".github/workflows/ci.yml", ".github/workflows/release.yaml", "action.yml",
                        "tools/setup/action.yaml");
    }
}
