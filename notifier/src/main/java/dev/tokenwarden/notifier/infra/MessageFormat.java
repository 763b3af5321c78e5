package dev.tokenwarden.notifier.infra;

import dev.tokenwarden.notifier.domain.NotificationView;
import java.util.Map;

/** How one kind of HTTP receiver wants a notification: the body, and any headers besides Content-Type. */
interface MessageFormat {
    record Message(byte[] body, Map<String, String> headers) {
    }

    Message render(NotificationView notification);
}
