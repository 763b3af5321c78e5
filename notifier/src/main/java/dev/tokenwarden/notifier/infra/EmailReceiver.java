package dev.tokenwarden.notifier.infra;

import dev.tokenwarden.notifier.domain.IncidentView;
import dev.tokenwarden.notifier.domain.NotificationView;
import dev.tokenwarden.notifier.domain.SendResult;
import io.quarkus.mailer.Mail;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Email, HTML and plain text. The Message-ID is derived from the delivery id, so a mail client or archive can
 * tell a re-sent message from a new one.
 */
final class EmailReceiver extends MaskingReceiver {
    private final List<String> to;
    private final EmailSender sender;

    EmailReceiver(String name, List<String> to, EmailSender sender, UnaryOperator<String> mask) {
        super(name, mask);
        this.to = List.copyOf(to);
        this.sender = sender;
    }

    @Override
    SendResult deliver(NotificationView view) {
        Mail mail = new Mail()
                .setTo(to)
                .setSubject(view.headline())
                .setText(text(view))
                .setHtml(html(view))
                .addHeader("Message-ID", "<" + view.deliveryId() + "@tokenwarden>");
        return sender.send(mail);
    }

    static String text(NotificationView view) {
        StringBuilder text = new StringBuilder(view.headline()).append("\n\n");
        for (IncidentView incident : view.incidents()) {
            text.append('[').append(incident.status().toUpperCase(Locale.ROOT)).append("][").append(incident.severity())
                    .append("] ").append(incident.title()).append('\n')
                    .append(incident.summary()).append('\n')
                    .append("incident: ").append(incident.incidentKey()).append('\n');
            incident.labels().forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
            incident.links().forEach(link -> text.append(link).append('\n'));
            text.append('\n');
        }
        return text.append("delivery ").append(view.deliveryId()).append('\n').toString();
    }

    static String html(NotificationView view) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body><h2>").append(escape(view.headline())).append("</h2>");
        for (IncidentView incident : view.incidents()) {
            html.append("<h3>[").append(escape(incident.status().toUpperCase(Locale.ROOT))).append("][")
                    .append(escape(incident.severity())).append("] ").append(escape(incident.title())).append("</h3><p>")
                    .append(escape(incident.summary())).append("</p><table><tr><th>incident</th><td>")
                    .append(escape(incident.incidentKey())).append("</td></tr>");
            incident.labels().forEach((k, v) -> html.append("<tr><th>").append(escape(k)).append("</th><td>")
                    .append(escape(v)).append("</td></tr>"));
            html.append("</table>");
            incident.links().forEach(link -> html.append("<p>").append(escape(link)).append("</p>"));
        }
        return html.append("<p><small>delivery ").append(escape(view.deliveryId())).append("</small></p></body></html>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
