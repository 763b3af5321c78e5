package dev.tokenwarden.notifier.infra;

import dev.tokenwarden.notifier.domain.NotificationView;
import dev.tokenwarden.notifier.domain.SendResult;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A receiver reached by one JSON POST: Slack, Teams or a signed webhook, told apart by their format. */
final class HttpReceiver extends MaskingReceiver {
    private final URI url;
    private final MessageFormat format;
    private final PinnedHttpClient http;

    HttpReceiver(String name, URI url, MessageFormat format, PinnedHttpClient http, UnaryOperator<String> mask) {
        super(name, mask);
        this.url = url;
        this.format = format;
        this.http = http;
    }

    @Override
    SendResult deliver(NotificationView notification) {
        MessageFormat.Message message = format.render(notification);
        Map<String, String> headers = new HashMap<>(message.headers());
        headers.put("Content-Type", "application/json");
        return http.post(url, headers, message.body());
    }
}
