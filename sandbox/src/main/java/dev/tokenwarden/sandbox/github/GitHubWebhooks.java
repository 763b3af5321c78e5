package dev.tokenwarden.sandbox.github;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook deliveries as a GitHub App receives them: {@code push} and {@code secret_scanning_alert} payloads
 * about the simulator's repositories, shaped as {@code @octokit/webhooks-schemas} describes, signed with
 * {@code X-Hub-Signature-256}, and sent to a URL. Built deliveries can also be inspected or replayed.
 */
public final class GitHubWebhooks {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Payloads payloads;
    private final Clock clock;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** One delivery: the event name, its delivery id, the exact body, and its signature header value. */
    public record Delivery(String event, String deliveryId, long installationId, byte[] body, String signature256) {
    }

    GitHubWebhooks(Payloads payloads, Clock clock, String secret) {
        this.payloads = payloads;
        this.clock = clock;
        this.secret = secret;
    }

    /**
     * A push of one commit to {@code repo}'s default branch that added, modified and removed the given paths (put
     * the new contents in the repository first, so a receiver fetching them sees them).
     */
    public Delivery push(SimulatedRepository repo, long installationId, String pusher, List<String> added, List<String> modified,
            List<String> removed) {
        ObjectNode body = Payloads.JSON.createObjectNode();
        synchronized (repo) {
            String before = repo.head;
            String after = sha1(before + added + modified + removed + clock.instant());
            repo.head = after;
            ObjectNode commit = Payloads.JSON.createObjectNode()
                    .put("id", after).put("tree_id", sha1("tree " + after)).put("distinct", true).put("message", "simulated push")
                    .put("timestamp", Payloads.time(clock.instant()))
                    .put("url", Payloads.WEB + "/" + repo.fullName() + "/commit/" + after);
            commit.set("author", person(pusher));
            commit.set("committer", person(pusher));
            added.forEach(commit.putArray("added")::add);
            removed.forEach(commit.putArray("removed")::add);
            modified.forEach(commit.putArray("modified")::add);
            body.put("ref", "refs/heads/" + repo.defaultBranch).put("before", before).put("after", after)
                    .put("created", false).put("deleted", false).put("forced", false).putNull("base_ref")
                    .put("compare", Payloads.WEB + "/" + repo.fullName() + "/compare/" + before.substring(0, 12) + "..." + after.substring(0, 12));
            body.putArray("commits").add(commit);
            body.set("head_commit", commit.deepCopy());
        }
        body.set("repository", payloads.webhookRepository(repo));
        body.set("pusher", Payloads.JSON.createObjectNode().put("name", pusher).put("email", pusher + "@users.noreply.github.example"));
        body.set("sender", payloads.webhookUser(pusher, Math.abs((long) pusher.hashCode()), "User"));
        body.set("installation", installation(installationId));
        return delivery("push", installationId, body);
    }

    /**
     * A {@code pull_request} event ({@code opened}, {@code reopened} or {@code synchronize}) from {@code headBranch}
     * into the default branch. The pull request's head is the current head commit of its head repository (the one
     * {@link SimulatedRepository#openPullRequest} named, else {@code repo} itself), which the contents and trees
     * endpoints accept as a ref, so a receiver can fetch the workflows the pull request would run.
     */
    public Delivery pullRequest(SimulatedRepository repo, long installationId, String action, long number, String author, String headBranch) {
        if (!List.of("opened", "reopened", "synchronize").contains(action)) {
            throw new IllegalArgumentException("pull_request action must be opened, reopened or synchronize, not " + action);
        }
        SimulatedRepository.PullRequest opened = repo.pullRequest(number);
        SimulatedRepository headRepo = opened == null ? repo : opened.head();
        String head;
        synchronized (headRepo) {
            head = headRepo.head;
        }
        String api = payloads.api + "/repos/" + repo.fullName();
        String html = Payloads.WEB + "/" + repo.fullName() + "/pull/" + number;
        String now = Payloads.time(clock.instant());
        long id = Math.abs((repo.fullName() + "#" + number).hashCode());
        ObjectNode pull = Payloads.JSON.createObjectNode()
                .put("url", api + "/pulls/" + number).put("id", id).put("node_id", "PR_" + id).put("html_url", html)
                .put("diff_url", html + ".diff").put("patch_url", html + ".patch").put("issue_url", api + "/issues/" + number)
                .put("number", number).put("state", "open").put("locked", false).put("title", "simulated pull request")
                .putNull("body").put("created_at", now).put("updated_at", now).putNull("closed_at").putNull("merged_at")
                .putNull("merge_commit_sha").putNull("assignee").putNull("milestone")
                .put("commits_url", api + "/pulls/" + number + "/commits").put("review_comments_url", api + "/pulls/" + number + "/comments")
                .put("review_comment_url", api + "/pulls/comments{/number}").put("comments_url", api + "/issues/" + number + "/comments")
                .put("statuses_url", api + "/statuses/" + head).put("author_association", "CONTRIBUTOR").putNull("auto_merge")
                .putNull("active_lock_reason").put("draft", false).put("merged", false).putNull("mergeable").putNull("rebaseable")
                .put("mergeable_state", "unknown").putNull("merged_by").put("comments", 0).put("review_comments", 0)
                .put("maintainer_can_modify", false).put("commits", 1).put("additions", 1).put("deletions", 0).put("changed_files", 1);
        pull.set("user", payloads.webhookUser(author, Math.abs((long) author.hashCode()), "User"));
        pull.putArray("assignees");
        pull.putArray("requested_reviewers");
        pull.putArray("requested_teams");
        pull.putArray("labels");
        pull.set("head", branch(headRepo, author + ":" + headBranch, headBranch, head, author));
        pull.set("base", branch(repo, repo.owner + ":" + repo.defaultBranch, repo.defaultBranch, sha1("base of " + head), repo.owner));
        ObjectNode links = pull.putObject("_links");
        Map.of("self", api + "/pulls/" + number, "html", html, "issue", api + "/issues/" + number,
                "comments", api + "/issues/" + number + "/comments", "review_comments", api + "/pulls/" + number + "/comments",
                "review_comment", api + "/pulls/comments{/number}", "commits", api + "/pulls/" + number + "/commits",
                "statuses", api + "/statuses/" + head).forEach((name, href) -> links.putObject(name).put("href", href));
        ObjectNode body = Payloads.JSON.createObjectNode().put("action", action).put("number", number);
        if (action.equals("synchronize")) {
            body.put("before", sha1("before " + head)).put("after", head);
        }
        body.set("pull_request", pull);
        body.set("repository", payloads.webhookRepository(repo));
        body.set("sender", payloads.webhookUser(author, Math.abs((long) author.hashCode()), "User"));
        body.set("installation", installation(installationId));
        return delivery("pull_request", installationId, body);
    }

    private ObjectNode branch(SimulatedRepository repo, String label, String ref, String sha, String owner) {
        ObjectNode branch = Payloads.JSON.createObjectNode().put("label", label).put("ref", ref).put("sha", sha);
        branch.set("user", payloads.webhookUser(owner, Math.abs((long) owner.hashCode()), owner.equals(repo.owner) ? "Organization" : "User"));
        branch.set("repo", payloads.webhookRepository(repo));
        return branch;
    }

    /** GitHub's {@code secret_scanning_alert} {@code created} event for an alert raised on {@code repo}; like GitHub, without the secret. */
    public Delivery secretScanningAlertCreated(SimulatedRepository repo, long installationId, long alertNumber) {
        SimulatedRepository.SecretAlert alert = repo.alert(alertNumber);
        String url = payloads.api + "/repos/" + repo.fullName() + "/secret-scanning/alerts/" + alertNumber;
        ObjectNode alertNode = Payloads.JSON.createObjectNode()
                .put("number", alertNumber).put("created_at", Payloads.time(alert.createdAt())).putNull("updated_at")
                .put("url", url).put("html_url", Payloads.WEB + "/" + repo.fullName() + "/security/secret-scanning/" + alertNumber)
                .put("locations_url", url + "/locations").put("state", "open")
                .putNull("resolution").putNull("resolved_at").putNull("resolved_by").putNull("resolution_comment")
                .put("secret_type", alert.secretType()).put("secret_type_display_name", alert.secretType())
                .put("push_protection_bypassed", false).putNull("push_protection_bypassed_by").putNull("push_protection_bypassed_at");
        ObjectNode body = Payloads.JSON.createObjectNode().put("action", "created");
        body.set("alert", alertNode);
        body.set("repository", payloads.webhookRepository(repo));
        body.set("installation", installation(installationId));
        return delivery("secret_scanning_alert", installationId, body);
    }

    /** Posts {@code delivery} to {@code target} with GitHub's headers; returns the receiver's status. */
    public int send(URI target, Delivery delivery) {
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "GitHub-Hookshot/simulator")
                .header("X-GitHub-Event", delivery.event())
                .header("X-GitHub-Delivery", delivery.deliveryId())
                .header("X-GitHub-Hook-ID", "1")
                .header("X-GitHub-Hook-Installation-Target-Type", "integration")
                .header("X-GitHub-Hook-Installation-Target-ID", Long.toString(delivery.installationId()))
                .header("X-Hub-Signature-256", delivery.signature256())
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("webhook delivery to " + target + " failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted delivering a webhook to " + target, e);
        }
    }

    /** {@code sha256=} and the lower-case hex HMAC-SHA256 of {@code body} under {@code secret}, as GitHub signs deliveries. */
    public static String signature256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }

    private Delivery delivery(String event, long installationId, ObjectNode body) {
        try {
            byte[] bytes = Payloads.JSON.writeValueAsBytes(body);
            return new Delivery(event, UUID.randomUUID().toString(), installationId, bytes, signature256(secret, bytes));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a " + event + " payload", e);
        }
    }

    private static ObjectNode installation(long installationId) {
        return Payloads.JSON.createObjectNode().put("id", installationId).put("node_id", "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u" + installationId);
    }

    private static ObjectNode person(String login) {
        return Payloads.JSON.createObjectNode().put("name", login).put("email", login + "@users.noreply.github.example").put("username", login);
    }
}
