package dev.tokenwarden.notifier.domain;

import java.util.List;

/** What the groups whose timers have expired produce: messages to send and incidents muted on purpose. */
public record Flush(List<Notification> notifications, List<Suppression> suppressions) {
    public Flush {
        notifications = List.copyOf(notifications);
        suppressions = List.copyOf(suppressions);
    }
}
