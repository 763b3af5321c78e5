package dev.tokenwarden.sandbox.github;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A repository: files on its default branch, secret scanning alerts, issues and open pull requests. */
public final class SimulatedRepository {
    final long id;
    final String owner;
    final String name;
    final String defaultBranch;
    final boolean isPrivate;
    final Instant createdAt;
    boolean archived;
    final Map<String, byte[]> files = new TreeMap<>();
    final List<SecretAlert> alerts = new ArrayList<>();
    final List<SimulatedIssue> issues = new ArrayList<>();
    final Map<Long, PullRequest> pullRequests = new TreeMap<>();
    final Map<String, Commit> commits = new TreeMap<>();
    final Map<Long, Merge> merges = new TreeMap<>();
    final Map<Long, CheckRunState> checkRuns = new TreeMap<>();
    final Map<String, SimulatedSarifUpload> sarifUploads = new LinkedHashMap<>();
    /** Whether code scanning (GitHub Advanced Security on a private repository) is enabled, so SARIF uploads are taken. */
    boolean codeScanning;

    /** The head commit of the default branch, moved by each simulated push. */
    String head;

    record SecretAlert(long number, String secretType, String secret, Instant createdAt) {
    }

    /**
     * A pull request into this repository from {@code head} (this repository or a fork), at {@code head}'s head commit;
     * {@code base} holds this repository's files as they were when it was opened, which its diffs are taken against.
     */
    record PullRequest(long number, SimulatedRepository head, List<String> changed, List<String> removed, Map<String, byte[]> base) {
    }

    /** A commit on a branch of this repository, by {@code author}, its signature verified by GitHub or not. */
    record Commit(String sha, String author, boolean verified, String message, Instant at) {
    }

    /** A merged pull request into {@code base}: its author, the commits it brought, who approved it. */
    record Merge(long number, String author, String base, List<String> commitShas, List<String> approvers, Instant mergedAt) {
    }

    SimulatedRepository(long id, String owner, String name, String defaultBranch, boolean isPrivate, Instant createdAt) {
        this.id = id;
        this.owner = owner;
        this.name = name;
        this.defaultBranch = defaultBranch;
        this.isPrivate = isPrivate;
        this.createdAt = createdAt;
        this.head = GitHubWebhooks.sha1("initial commit of " + owner + "/" + name);
    }

    public String owner() {
        return owner;
    }

    public String name() {
        return name;
    }

    public String fullName() {
        return owner + "/" + name;
    }

    public synchronized SimulatedRepository putFile(String path, String content) {
        files.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Turns code scanning on (GitHub Advanced Security), so the repository takes SARIF uploads. */
    public synchronized SimulatedRepository enableCodeScanning() {
        codeScanning = true;
        return this;
    }

    /** Every check run created on the repository, oldest first. */
    public synchronized List<SimulatedCheckRun> checkRuns() {
        return checkRuns.values().stream().map(CheckRunState::snapshot).toList();
    }

    /** Every SARIF upload the repository took, oldest first. */
    public synchronized List<SimulatedSarifUpload> sarifUploads() {
        return List.copyOf(sarifUploads.values());
    }

    public synchronized SimulatedRepository archive() {
        archived = true;
        return this;
    }

    /** Raises a secret scanning alert for {@code secret} (the leaked value); returns the alert number. */
    public synchronized long addSecretScanningAlert(String secretType, String secret, Instant createdAt) {
        long number = alerts.size() + 1L;
        alerts.add(new SecretAlert(number, secretType, secret, createdAt));
        return number;
    }

    /**
     * Opens pull request {@code number} from {@code head} (this repository, or a fork with the proposed files put in
     * it): its files endpoint lists {@code changed} (added or modified, with their patch against the files this repository
     * holds now) and {@code removed} as removed.
     */
    public synchronized SimulatedRepository openPullRequest(long number, SimulatedRepository head, List<String> changed,
            List<String> removed) {
        pullRequests.put(number, new PullRequest(number, head, List.copyOf(changed), List.copyOf(removed), Map.copyOf(files)));
        return this;
    }

    /** Records commit {@code sha} by {@code author}; {@code verified} is what GitHub's signature check says of it. */
    public synchronized SimulatedRepository addCommit(String sha, String author, boolean verified, String message, Instant at) {
        commits.put(sha, new Commit(sha, author, verified, message, at));
        return this;
    }

    /**
     * Pull request {@code number} by {@code author}, merged into {@code base} with {@code commitShas} (recorded with
     * {@link #addCommit}), approved by {@code approvers} (none: merged without an approving review).
     */
    public synchronized SimulatedRepository mergePullRequest(long number, String author, String base, List<String> commitShas,
            List<String> approvers, Instant mergedAt) {
        merges.put(number, new Merge(number, author, base, List.copyOf(commitShas), List.copyOf(approvers), mergedAt));
        return this;
    }

    synchronized PullRequest pullRequest(long number) {
        return pullRequests.get(number);
    }

    synchronized SecretAlert alert(long number) {
        return alerts.stream().filter(a -> a.number() == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no secret scanning alert " + number + " in " + fullName()));
    }

    public synchronized List<SimulatedIssue> issues() {
        return List.copyOf(issues);
    }
}
