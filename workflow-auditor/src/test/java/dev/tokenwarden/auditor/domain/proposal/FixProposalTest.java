package dev.tokenwarden.auditor.domain.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenwarden.auditor.TestWorkflows;
import dev.tokenwarden.auditor.domain.config.AuditConfig;
import dev.tokenwarden.auditor.domain.engine.Engine;
import dev.tokenwarden.auditor.domain.engine.InputFile;
import dev.tokenwarden.auditor.domain.fix.FixOptions;
import dev.tokenwarden.auditor.domain.fix.WorkflowFixer;
import dev.tokenwarden.auditor.domain.rules.RuleCatalogue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FixProposalTest {
    private static final String BASE = "0123456789abcdef0123456789abcdef01234567";
    /** No permissions block, and a job whose action the knowledge file does not know: no safe permissions to give it. */
    private static final String UNKNOWN_ACTION = """
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                timeout-minutes: 5
                steps:
                  - uses: example-org/unknown-action@0123456789abcdef0123456789abcdef01234567
            """;

    private final Engine engine = new Engine(RuleCatalogue.standard(), AuditConfig.defaults());

    @Test
    void fixesListEveryChangeAndTheBranchNameFollowsTheBaseAndTheContent() {
        FixProposal proposal = plan(Set.of(), file(".github/workflows/ci.yml", TestWorkflows.NO_TIMEOUT));

        assertThat(proposal.empty()).isFalse();
        assertThat(proposal.changedFiles().get(".github/workflows/ci.yml")).contains("timeout-minutes: 30");
        assertThat(proposal.fixesByRule()).containsEntry("missing-timeout", 1);
        assertThat(proposal.diff()).contains("+    timeout-minutes: 30");
        assertThat(proposal.pullRequestBody("main", BASE)).contains("`.github/workflows/ci.yml` | 4 | `missing-timeout` |")
                .contains("`main` at 0123456789ab");
        assertThat(proposal.commitMessage()).startsWith(proposal.title()).contains("missing-timeout");
        String branch = proposal.branchName(BASE);
        assertThat(branch).matches("tokenwarden/fix-[0-9a-f]{12}").isEqualTo(plan(Set.of(), file(".github/workflows/ci.yml", TestWorkflows.NO_TIMEOUT))
                .branchName(BASE));
        assertThat(proposal.branchName("f".repeat(40))).isNotEqualTo(branch);
    }

    @Test
    void onlyTheAskedRulesAreFixedAndNothingLeftIsEmpty() {
        FixProposal none = plan(Set.of("persisted-credentials"), file(".github/workflows/ci.yml", TestWorkflows.NO_TIMEOUT));

        assertThat(none.empty()).isTrue();
        assertThat(none.fixes()).isEmpty();
        assertThat(none.diff()).isEmpty();
    }

    @Test
    void aFindingThatCannotBeFixedIsReportedWithItsReason() {
        FixProposal proposal = plan(Set.of("missing-permissions"), file(".github/workflows/ci.yml", UNKNOWN_ACTION));

        assertThat(proposal.unfixable()).isNotEmpty().allSatisfy(u -> assertThat(u.reason()).isNotBlank());
        assertThat(proposal.pullRequestBody("main", BASE)).contains("### Not fixed");
    }

    private FixProposal plan(Set<String> rules, InputFile file) {
        List<InputFile> files = List.of(file);
        return FixProposal.plan(engine, new WorkflowFixer(FixOptions.defaults().withRules(rules)), files, engine.scan(files));
    }

    private static InputFile file(String path, String text) {
        return new InputFile(path, text.getBytes(StandardCharsets.UTF_8));
    }
}
