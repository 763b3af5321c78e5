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
