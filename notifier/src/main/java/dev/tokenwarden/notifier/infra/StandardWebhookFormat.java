package dev.tokenwarden.notifier.infra;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenwarden.events.EventJson;
import dev.tokenwarden.notifier.domain.NotificationView;
import dev.tokenwarden.notifier.domain.WebhookSignature;
import java.time.Clock;
import java.util.Map;

/**
 * A generic JSON webhook signed per the Standard Webhooks specification. {@code webhook-id} is the notification's
 * delivery id, so a consumer that remembers ids ignores a re-send; the body's {@code type} names this payload.
 */
final class StandardWebhookFormat implements MessageFormat {
    static final String TYPE = "dev.tokenwarden.notification.v1";

    private final WebhookSignature signature;
    private final Clock clock;

    StandardWebhookFormat(WebhookSignature signature, Clock clock) {
        this.signature = signature;
        this.clock = clock;
    }

    @Override
    public Message render(NotificationView notification) {
        long timestamp = clock.instant().getEpochSecond();
        ObjectNode root = EventJson.mapper().createObjectNode()
                .put("type", TYPE)
                .put("timestamp", clock.instant().toString());
        root.set("data", EventJson.mapper().valueToTree(notification));
        byte[] body = EventJson.write(root);
        return new Message(body, Map.of(
                "webhook-id", notification.deliveryId(),
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", signature.sign(notification.deliveryId(), timestamp, body)));
    }
}
