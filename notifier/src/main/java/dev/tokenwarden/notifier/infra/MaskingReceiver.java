package dev.tokenwarden.notifier.infra;

import dev.tokenwarden.notifier.domain.Notification;
import dev.tokenwarden.notifier.domain.NotificationView;
import dev.tokenwarden.notifier.domain.Receiver;
import dev.tokenwarden.notifier.domain.SendResult;
import java.util.function.UnaryOperator;

/** Every receiver's common part: it sees a notification only after the masker has been over all its text. */
abstract class MaskingReceiver implements Receiver {
    private final String name;
    private final UnaryOperator<String> mask;

    MaskingReceiver(String name, UnaryOperator<String> mask) {
        this.name = name;
        this.mask = mask;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final SendResult send(Notification notification, int attempt) {
        return deliver(NotificationView.of(notification, mask));
    }

    abstract SendResult deliver(NotificationView notification);

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + "]";
    }
}
