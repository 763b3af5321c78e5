package dev.tokenwarden.notifier.infra;

import dev.tokenwarden.notifier.NotifierConfig;
import dev.tokenwarden.notifier.domain.Receiver;
import dev.tokenwarden.notifier.domain.WebhookSignature;
import dev.tokenwarden.platform.github.GitHubClient;
import dev.tokenwarden.platform.redaction.Redactor;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Builds the configured receivers; a receiver missing what its type needs stops the start with its name. */
@ApplicationScoped
public class Receivers {
    private final List<Receiver> all;

    public Receivers(NotifierConfig config, PinnedHttpClient http, EmailSender email, GitHubClient github,
            IssueCredential issueCredential, Clock clock) {
        UnaryOperator<String> mask = Redactor::redact;
        List<Receiver> receivers = new ArrayList<>();
        for (Map.Entry<String, NotifierConfig.ReceiverConfig> entry : config.receivers().entrySet()) {
            String name = entry.getKey();
            NotifierConfig.ReceiverConfig receiver = entry.getValue();
            receivers.add(switch (receiver.type()) {
                case SLACK -> new HttpReceiver(name, url(name, receiver), new SlackFormat(), http, mask);
                case TEAMS -> new HttpReceiver(name, url(name, receiver), new TeamsFormat(), http, mask);
                case WEBHOOK -> new HttpReceiver(name, url(name, receiver), new StandardWebhookFormat(new WebhookSignature(
                        receiver.secret().orElseThrow(() -> missing(name, "secret"))), clock), http, mask);
                case EMAIL -> new EmailReceiver(name, receiver.to().filter(to -> !to.isEmpty())
                        .orElseThrow(() -> missing(name, "to")), email, mask);
                case GITHUB_ISSUES -> new GitHubIssueReceiver(name, receiver.repository()
                        .orElseThrow(() -> missing(name, "repository")), github, issueCredential, clock, mask);
            });
        }
        this.all = List.copyOf(receivers);
    }

    public List<Receiver> all() {
        return all;
    }

    private static URI url(String name, NotifierConfig.ReceiverConfig receiver) {
        String url = receiver.url().orElseThrow(() -> missing(name, "url"));
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("tokenwarden.notifier.receivers." + name + ".url is not a URL");
        }
    }

    private static IllegalStateException missing(String name, String key) {
        return new IllegalStateException("tokenwarden.notifier.receivers." + name + "." + key + " is required for its type");
    }
}
