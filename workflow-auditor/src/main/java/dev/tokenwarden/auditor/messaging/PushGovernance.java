package dev.tokenwarden.auditor.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenwarden.auditor.AuditorConfig;
import dev.tokenwarden.auditor.domain.governance.WorkflowChangeGovernance;
import dev.tokenwarden.auditor.infra.AuditorGitHub;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.Severity;
import dev.tokenwarden.platform.events.IncidentPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Checks a push's workflow changes against the repository's governance policy and raises
 * {@code workflow-change-ungoverned/<owner>/<repo>/<commit>} for each commit that did not come through a merged,
 * reviewed pull request (or lacks a verified signature where required), naming the commit, its author and the files.
 * The key is the commit's, so a redelivered push raises the same incident again rather than a second one.
 */
@ApplicationScoped
public class PushGovernance {
    static final String INCIDENT_TYPE = "workflow-change-ungoverned";

    private final WorkflowChangeGovernance governance;
    private final AuditorConfig.Governance config;
    private final IncidentPublisher incidents;
    private final Clock clock;

    public PushGovernance(AuditorGitHub github, AuditorConfig config, IncidentPublisher incidents, Clock clock) {
        this.governance = new WorkflowChangeGovernance(github.history());
        this.config = config.governance();
        this.incidents = incidents;
        this.clock = clock;
    }

    public CompletionStage<?> review(JsonNode push) {
        JsonNode repository = push.path("repository");
        String owner = repository.path("owner").path("login").asText(repository.path("owner").path("name").asText());
        String name = repository.path("name").asText();
        String ref = push.path("ref").asText();
        if (!ref.startsWith("refs/heads/") || push.path("deleted").asBoolean(false)) {
            return CompletableFuture.completedFuture(null);
        }
        String branch = ref.substring("refs/heads/".length());
        List<WorkflowChangeGovernance.PushedCommit> commits = new ArrayList<>();
        for (JsonNode commit : push.path("commits")) {
            List<String> paths = new ArrayList<>();
            for (String field : List.of("added", "modified", "removed")) {
                commit.path(field).forEach(path -> paths.add(path.asText()));
            }
            JsonNode author = commit.path("author");
            commits.add(new WorkflowChangeGovernance.PushedCommit(commit.path("id").asText(),
                    author.path("username").asText(author.path("name").asText()), paths));
        }
        List<WorkflowChangeGovernance.Violation> violations = governance.check(owner, name, branch,
                branch.equals(repository.path("default_branch").asText()), commits, config.policy(owner + "/" + name));
        Instant now = clock.instant();
        return CompletableFuture.allOf(violations.stream()
                .map(v -> incidents.publish(incident(owner + "/" + name, branch, v, now)).toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    }

    private static Incident incident(String repository, String branch, WorkflowChangeGovernance.Violation violation, Instant now) {
        return new Incident(INCIDENT_TYPE + "/" + repository + "/" + violation.sha(), IncidentStatus.FIRING, INCIDENT_TYPE, Severity.HIGH,
                "Workflow change to " + repository + "@" + branch + " outside review",
                "Commit " + violation.sha() + " by " + violation.author() + " changed " + String.join(", ", violation.files()) + ": "
                        + String.join("; ", violation.reasons()) + ".",
                Map.of("repository", repository, "commit", violation.sha(), "author", violation.author(), "branch", branch),
                now, now, List.of());
    }
}
