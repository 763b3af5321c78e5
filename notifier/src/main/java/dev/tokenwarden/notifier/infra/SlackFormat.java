package dev.tokenwarden.notifier.infra;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenwarden.events.EventJson;
import dev.tokenwarden.notifier.domain.IncidentView;
import dev.tokenwarden.notifier.domain.NotificationView;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Slack incoming webhook, Block Kit: a header, one section per incident (at most 45, Slack allows 50 blocks),
 * and a context line carrying the delivery id, which is how a reader spots a re-sent message.
 */
final class SlackFormat implements MessageFormat {
    private static final int MAX_INCIDENTS = 45;

    @Override
    public Message render(NotificationView notification) {
        ObjectNode root = EventJson.mapper().createObjectNode();
        root.put("text", cut(notification.headline(), 3000));
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", cut(notification.headline(), 150));
        notification.incidents().stream().limit(MAX_INCIDENTS).forEach(incident -> {
            ObjectNode section = blocks.addObject().put("type", "section");
            section.putObject("text").put("type", "mrkdwn").put("text", cut(text(incident), 3000));
        });
        ObjectNode context = blocks.addObject().put("type", "context");
        String more = notification.incidents().size() > MAX_INCIDENTS
                ? " · " + (notification.incidents().size() - MAX_INCIDENTS) + " more not shown" : "";
        context.putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", escape("delivery " + notification.deliveryId() + " · route " + notification.routeId() + more));
        return new Message(EventJson.write(root), Map.of());
    }

    private static String text(IncidentView incident) {
        String labels = incident.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        return "*" + escape("[" + incident.status().toUpperCase(Locale.ROOT) + "][" + incident.severity() + "] "
                + incident.title()) + "*\n" + escape(incident.summary()) + "\n`" + escape(incident.incidentKey()) + "` "
                + escape(labels) + incident.links().stream().map(l -> "\n" + escape(l)).collect(Collectors.joining());
    }

    /** Slack's mrkdwn needs only these three escaped. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
