package dev.tokenwarden.auditor.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenwarden.auditor.domain.checks.ChangedLines;
import dev.tokenwarden.auditor.domain.engine.Engine;
import dev.tokenwarden.auditor.domain.engine.InputFile;
import dev.tokenwarden.auditor.domain.engine.RemoteFiles;
import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.webhook.ChangedWorkflows;
import dev.tokenwarden.auditor.domain.webhook.DeliveryLog;
import dev.tokenwarden.auditor.infra.AuditorGitHub;
import dev.tokenwarden.events.CredentialExposed;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.ExposureSource;
import dev.tokenwarden.events.ScanTrigger;
import dev.tokenwarden.platform.events.EventPublisher;
import dev.tokenwarden.platform.github.PullRequestFile;
import dev.tokenwarden.platform.github.SecretScanningAlert;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * What the auditor does with a verified GitHub App delivery: a push's changed workflow files are fetched at the
 * pushed commit, scanned and published (a partial scan); a pull request's at its head commit (a proposed change, which
 * leaves the baseline alone); a new secret scanning alert is fetched and published as
 * {@code credential.exposed} carrying only the secret's SHA-256. The scan id derives from the delivery id, so a
 * redelivery after a restart publishes the same scan again rather than a different one.
 */
@ApplicationScoped
public class GitHubEventHandler {
    private static final Set<String> SCANNED_PULL_REQUEST_ACTIONS = Set.of("opened", "synchronize", "reopened");

    private final AuditorGitHub github;
    private final Engine engine;
    private final RemoteFiles remoteCallees;
    private final ScanPublisher scans;
    private final EventPublisher publisher;
    private final Emitter<byte[]> exposures;
    private final Clock clock;
    private final PushGovernance governance;
    private final PullRequestResults pullRequestResults;

    public GitHubEventHandler(AuditorGitHub github, Engine engine, RemoteFiles remoteCallees, ScanPublisher scans, EventPublisher publisher,
                              @Channel("credential-exposed-out") Emitter<byte[]> exposures, Clock clock, PushGovernance governance,
                              PullRequestResults pullRequestResults) {
        this.github = github;
        this.engine = engine;
        this.remoteCallees = remoteCallees;
        this.scans = scans;
        this.publisher = publisher;
        this.exposures = exposures;
        this.clock = clock;
        this.governance = governance;
        this.pullRequestResults = pullRequestResults;
    }

    /**
     * Checks the push's workflow changes against the governance policy ({@link PushGovernance}), then scans the
     * workflow files a push to the default branch added or modified; the scan completes at once for other branches
     * (the baseline is the default branch's) or when the push touched no workflow.
     */
    public CompletionStage<?> push(String deliveryId, JsonNode payload) {
        return governance.review(payload).thenCompose(reviewed -> scanPush(deliveryId, payload));
    }

    private CompletionStage<?> scanPush(String deliveryId, JsonNode payload) {
        List<String> changed = new ArrayList<>();
        for (JsonNode commit : payload.path("commits")) {
            commit.path("added").forEach(path -> changed.add(path.asText()));
            commit.path("modified").forEach(path -> changed.add(path.asText()));
        }
        List<String> workflows = ChangedWorkflows.select(changed);
        String after = payload.path("after").asText();
        JsonNode repository = payload.path("repository");
        boolean defaultBranch = payload.path("ref").asText().equals("refs/heads/" + repository.path("default_branch").asText());
        if (workflows.isEmpty() || after.isEmpty() || !defaultBranch) {
            return CompletableFuture.completedFuture(null);
        }
        String owner = repository.path("owner").path("login").asText(repository.path("owner").path("name").asText());
        String name = repository.path("name").asText();
        long started = System.nanoTime();
        List<InputFile> files = github.files(owner, name, after, workflows);
        ScanResult result = engine.scan(files, remoteCallees);
        return scans.publish(new RepositoryScan(DeliveryLog.scanId(deliveryId), owner + "/" + name, payload.path("ref").asText(null),
                after, ScanTrigger.PUSH, false, result, Duration.ofNanos(System.nanoTime() - started)));
    }

    /**
     * Scans the workflow files a pull request adds or modifies, fetched at its head commit from its head repository
     * (a fork's, when it comes from one), on {@code opened}, {@code synchronize} and {@code reopened}; other actions,
     * or a head repository that no longer exists, complete at once. The scan is published against the base
     * repository as a proposed change: it leaves the default branch's baseline and incidents alone. Once it is
     * published, the results go back to the pull request ({@link PullRequestResults}): a check run on the head commit
     * and a SARIF upload; a pull request that changes no workflow gets a successful check run.
     */
    public CompletionStage<?> pullRequest(String deliveryId, JsonNode payload) {
        JsonNode pull = payload.path("pull_request");
        JsonNode head = pull.path("head");
        String headSha = head.path("sha").asText();
        if (!SCANNED_PULL_REQUEST_ACTIONS.contains(payload.path("action").asText()) || !head.path("repo").isObject() || headSha.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        JsonNode base = payload.path("repository");
        String owner = base.path("owner").path("login").asText();
        String name = base.path("name").asText();
        long number = payload.path("number").asLong(pull.path("number").asLong());
        long started = System.nanoTime();
        PullRequestResults.Head results = new PullRequestResults.Head(owner, name, number, headSha);
        List<PullRequestFile> changes = github.pullRequestChanges(owner, name, number);
        List<String> workflows = ChangedWorkflows.select(changes.stream().map(PullRequestFile::filename).toList());
        if (workflows.isEmpty()) {
            pullRequestResults.nothingToAudit(results);
            return CompletableFuture.completedFuture(null);
        }
        JsonNode headRepository = head.path("repo");
        List<InputFile> files = github.files(headRepository.path("owner").path("login").asText(), headRepository.path("name").asText(),
                headSha, workflows);
        ScanResult result = engine.scan(files, remoteCallees);
        return scans.publish(new RepositoryScan(DeliveryLog.scanId(deliveryId), owner + "/" + name, "refs/pull/" + number + "/head", headSha,
                ScanTrigger.PULL_REQUEST, false, result, Duration.ofNanos(System.nanoTime() - started)))
                .thenRun(() -> pullRequestResults.report(results, result, ChangedLines.of(changes)));
    }

    /** Publishes a newly created alert's exposure; other alert actions change nothing here. */
    public CompletionStage<?> secretScanningAlert(JsonNode payload) {
        if (!"created".equals(payload.path("action").asText())) {
            return CompletableFuture.completedFuture(null);
        }
        JsonNode repository = payload.path("repository");
        String owner = repository.path("owner").path("login").asText();
        String name = repository.path("name").asText();
        SecretScanningAlert alert = github.secretScanningAlert(owner, name, payload.path("alert").path("number").asLong());
        CredentialExposed exposed = new CredentialExposed(alert.secretSha256(), ExposureSource.SECRET_SCANNING,
                owner + "/" + name, alert.htmlUrl(), alert.secretType(), clock.instant());
        return publisher.send(exposures, EventType.CREDENTIAL_EXPOSED, alert.secretSha256(), exposed);
    }
}
