package dev.tokenwarden.auditor.domain.governance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenwarden.platform.github.MergedPullRequest;
import dev.tokenwarden.platform.github.PullRequestReview;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which pushed commits the governance policy accepts, over a history held in maps. */
class WorkflowChangeGovernanceTest {
    private static final String WORKFLOW = ".github/workflows/ci.yml";
    private static final WorkflowChangeGovernance.Policy ON = new WorkflowChangeGovernance.Policy(true, false, Set.of("release"));

    private final Map<String, List<MergedPullRequest>> pulls = new HashMap<>();
    private final Map<Long, List<PullRequestReview>> reviews = new HashMap<>();
    private final Set<String> verified = new HashSet<>();
    private final WorkflowChangeGovernance governance = new WorkflowChangeGovernance(new WorkflowChangeGovernance.History() {
        @Override
        public List<MergedPullRequest> pullRequests(String owner, String repo, String sha) {
            return pulls.getOrDefault(sha, List.of());
        }

        @Override
        public List<PullRequestReview> reviews(String owner, String repo, long number) {
            return reviews.getOrDefault(number, List.of());
        }

        @Override
        public boolean verified(String owner, String repo, String sha) {
            return verified.contains(sha);
        }
    });

    @Test
    void onlyWorkflowAndActionChangesToTheDefaultOrAProtectedBranchAreChecked() {
        List<WorkflowChangeGovernance.PushedCommit> commits = List.of(commit("c1", "README.md"), commit("c2", "tools/setup/action.yml"));

        assertThat(governance.check("acme", "api", "main", true, commits, ON)).extracting(WorkflowChangeGovernance.Violation::sha)
                .containsExactly("c2");
        assertThat(governance.check("acme", "api", "release", false, commits, ON)).hasSize(1);
        assertThat(governance.check("acme", "api", "feature", false, commits, ON)).isEmpty();
        assertThat(governance.check("acme", "api", "main", true, commits, new WorkflowChangeGovernance.Policy(false, true, Set.of()))).isEmpty();
    }

    @Test
    void aMergeIntoTheBranchApprovedBySomeoneElseIsGoverned() {
        pulls.put("c1", List.of(new MergedPullRequest(1, "dev", "main", Instant.EPOCH)));
        reviews.put(1L, List.of(new PullRequestReview("dev", "APPROVED"), new PullRequestReview("lead", "APPROVED")));
        pulls.put("c2", List.of(new MergedPullRequest(2, "dev", "main", Instant.EPOCH)));
        reviews.put(2L, List.of(new PullRequestReview("dev", "APPROVED"), new PullRequestReview("lead", "COMMENTED")));
        pulls.put("c3", List.of(new MergedPullRequest(3, "dev", "other", Instant.EPOCH)));
        reviews.put(3L, List.of(new PullRequestReview("lead", "APPROVED")));
        pulls.put("c4", List.of(new MergedPullRequest(4, "dev", "main", null)));
        reviews.put(4L, List.of(new PullRequestReview("lead", "APPROVED")));

        assertThat(governance.check("acme", "api", "main", true,
                List.of(commit("c1", WORKFLOW), commit("c2", WORKFLOW), commit("c3", WORKFLOW), commit("c4", WORKFLOW)), ON))
                .extracting(WorkflowChangeGovernance.Violation::sha).containsExactly("c2", "c3", "c4");
    }

    @Test
    void anUnverifiedSignatureFailsWhereTheRepositoryRequiresSignatures() {
        pulls.put("c1", List.of(new MergedPullRequest(1, "dev", "main", Instant.EPOCH)));
        reviews.put(1L, List.of(new PullRequestReview("lead", "APPROVED")));
        WorkflowChangeGovernance.Policy signed = new WorkflowChangeGovernance.Policy(true, true, Set.of());

        assertThat(governance.check("acme", "api", "main", true, List.of(commit("c1", WORKFLOW)), signed)).singleElement()
                .satisfies(v -> assertThat(v.reasons()).singleElement().asString().contains("signature"));
        verified.add("c1");
        assertThat(governance.check("acme", "api", "main", true, List.of(commit("c1", WORKFLOW)), signed)).isEmpty();
    }

    private static WorkflowChangeGovernance.PushedCommit commit(String sha, String path) {
        return new WorkflowChangeGovernance.PushedCommit(sha, "dev", List.of(path));
    }
}
