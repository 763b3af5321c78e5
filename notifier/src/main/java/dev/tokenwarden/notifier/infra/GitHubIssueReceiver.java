package dev.tokenwarden.notifier.infra;

import dev.tokenwarden.notifier.domain.IncidentView;
import dev.tokenwarden.notifier.domain.NotificationView;
import dev.tokenwarden.notifier.domain.SendResult;
import dev.tokenwarden.notifier.domain.ShortHash;
import dev.tokenwarden.platform.github.GitHubApiException;
import dev.tokenwarden.platform.github.GitHubCircuitOpenException;
import dev.tokenwarden.platform.github.GitHubClient;
import dev.tokenwarden.platform.github.GitHubCredential;
import dev.tokenwarden.platform.github.GitHubRateLimitedException;
import dev.tokenwarden.platform.github.GitHubUnavailableException;
import dev.tokenwarden.platform.github.Issue;
import dev.tokenwarden.platform.github.IssueDraft;
import dev.tokenwarden.platform.github.IssueUpdate;
import dev.tokenwarden.platform.vault.VaultAccessException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One GitHub issue per incident key, labelled {@code security} and {@code tokenwarden-<hash of the key>}: opened
 * when the incident first fires, commented on when it fires again (reopened if it had been closed), commented
 * on and closed when it resolves. The issue found by its label is the idempotency key, so a re-send finds the
 * issue it already opened.
 */
final class GitHubIssueReceiver extends MaskingReceiver {
    static final String SECURITY_LABEL = "security";
    private static final int UNAUTHORIZED = 401;

    private final String owner;
    private final String repository;
    private final GitHubClient github;
    private final IssueCredential credential;
    private final Clock clock;

    GitHubIssueReceiver(String name, String ownerAndName, GitHubClient github, IssueCredential credential, Clock clock,
            UnaryOperator<String> mask) {
        super(name, mask);
        int slash = ownerAndName.indexOf('/');
        if (slash <= 0 || slash == ownerAndName.length() - 1 || ownerAndName.indexOf('/', slash + 1) >= 0) {
            throw new IllegalStateException("receiver " + name + ": repository must be owner/name");
        }
        this.owner = ownerAndName.substring(0, slash);
        this.repository = ownerAndName.substring(slash + 1);
        this.github = github;
        this.credential = credential;
        this.clock = clock;
    }

    @Override
    SendResult deliver(NotificationView notification) {
        SendResult result = deliverOnce(notification);
        if (Integer.valueOf(UNAUTHORIZED).equals(result.statusCode()) && credential.renewAfterRejection()) {
            return deliverOnce(notification);
        }
        return result;
    }

    /** Safe to repeat: an incident's issue is found by its label before one is opened. */
    private SendResult deliverOnce(NotificationView notification) {
        Optional<GitHubCredential> auth;
        try {
            auth = credential.current();
        } catch (VaultAccessException e) {
            String detail = "notifier GitHub credential not readable from Vault (" + e.problem() + ")";
            return e.retryable() ? SendResult.unreachable(detail) : SendResult.refused(detail);
        }
        if (auth.isEmpty()) {
            return SendResult.refused("no notifier GitHub credential configured");
        }
        try {
            for (IncidentView incident : notification.firing()) {
                firing(auth.get(), incident, notification.deliveryId());
            }
            for (IncidentView incident : notification.resolved()) {
                resolved(auth.get(), incident, notification.deliveryId());
            }
            return SendResult.delivered(200);
        } catch (GitHubRateLimitedException e) {
            Duration wait = Duration.between(clock.instant(), e.until());
            return SendResult.rejected(429, Optional.of(wait.isNegative() ? Duration.ZERO : wait));
        } catch (GitHubApiException e) {
            return SendResult.rejected(e.status(), Optional.empty());
        } catch (GitHubCircuitOpenException e) {
            return SendResult.unreachable("GitHub circuit open");
        } catch (GitHubUnavailableException e) {
            return SendResult.unreachable("GitHub unavailable after " + e.attempts() + " attempts");
        }
    }

    private void firing(GitHubCredential auth, IncidentView incident, String deliveryId) {
        String label = label(incident.incidentKey());
        Optional<Issue> existing = github.findIssueByLabel(auth, owner, repository, label);
        if (existing.isEmpty()) {
            github.createIssue(auth, owner, repository, new IssueDraft("[tokenwarden] " + incident.title(), body(incident, deliveryId),
                    List.of(SECURITY_LABEL, label)));
            return;
        }
        if ("closed".equals(existing.get().state())) {
            github.updateIssue(auth, owner, repository, existing.get().number(), IssueUpdate.reopen());
        }
        github.commentOnIssue(auth, owner, repository, existing.get().number(), "Firing again.\n\n" + body(incident, deliveryId));
    }

    private void resolved(GitHubCredential auth, IncidentView incident, String deliveryId) {
        Optional<Issue> existing = github.findIssueByLabel(auth, owner, repository, label(incident.incidentKey()));
        if (existing.isEmpty() || "closed".equals(existing.get().state())) {
            return;
        }
        github.commentOnIssue(auth, owner, repository, existing.get().number(), "Resolved at " + incident.lastSeen()
                + " (delivery `" + deliveryId + "`).");
        github.updateIssue(auth, owner, repository, existing.get().number(), IssueUpdate.close());
    }

    private static String body(IncidentView incident, String deliveryId) {
        StringBuilder body = new StringBuilder("**").append(incident.severity().toUpperCase(Locale.ROOT)).append("** ")
                .append(incident.type()).append("\n\n").append(incident.summary()).append("\n\n| label | value |\n|---|---|\n")
                .append("| incident | `").append(incident.incidentKey()).append("` |\n");
        incident.labels().forEach((k, v) -> body.append("| ").append(cell(k)).append(" | ").append(cell(v)).append(" |\n"));
        incident.links().forEach(link -> body.append("\n- ").append(link));
        return body.append("\n\nfirst seen ").append(incident.firstSeen()).append(", last seen ").append(incident.lastSeen())
                .append(" · delivery `").append(deliveryId).append('`').toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** GitHub labels are at most 50 characters; incident keys may be longer, so the label carries a hash of the key. */
    static String label(String incidentKey) {
        return "tokenwarden-" + ShortHash.of(incidentKey);
    }
}
