package dev.tokenwarden.notifier.infra;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenwarden.events.EventJson;
import dev.tokenwarden.notifier.domain.IncidentView;
import dev.tokenwarden.notifier.domain.NotificationView;
import java.util.Locale;
import java.util.Map;

/**
 * Microsoft Teams through a Workflows ("When a Teams webhook request is received") webhook: a message with one
 * Adaptive Card 1.4 attachment, a headline, and per incident its title, summary and labels as a fact set.
 */
final class TeamsFormat implements MessageFormat {
    @Override
    public Message render(NotificationView notification) {
        ObjectNode root = EventJson.mapper().createObjectNode().put("type", "message");
        ObjectNode attachment = root.putArray("attachments").addObject()
                .put("contentType", "application/vnd.microsoft.card.adaptive");
        ObjectNode card = attachment.putObject("content")
                .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard")
                .put("version", "1.4");
        card.putObject("msteams").put("width", "Full");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("size", "Large").put("weight", "Bolder").put("wrap", true)
                .put("text", notification.headline());
        for (IncidentView incident : notification.incidents()) {
            body.addObject().put("type", "TextBlock").put("weight", "Bolder").put("wrap", true).put("separator", true)
                    .put("color", incident.status().equals("resolved") ? "Good" : "Attention")
                    .put("text", "[" + incident.status().toUpperCase(Locale.ROOT) + "][" + incident.severity() + "] " + incident.title());
            body.addObject().put("type", "TextBlock").put("wrap", true).put("text", incident.summary());
            ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
            facts.addObject().put("title", "incident").put("value", incident.incidentKey());
            incident.labels().forEach((k, v) -> facts.addObject().put("title", k).put("value", v));
        }
        body.addObject().put("type", "TextBlock").put("isSubtle", true).put("size", "Small").put("wrap", true)
                .put("text", "delivery " + notification.deliveryId() + " · route " + notification.routeId());
        return new Message(EventJson.write(root), Map.of());
    }
}
