package dev.tokenwarden.notifier.domain;

/** Somewhere a notification goes. {@link #send} blocks, has its own timeout and reports failure by its result, not by throwing. */
public interface Receiver {
    String name();

    SendResult send(Notification notification, int attempt);
}
