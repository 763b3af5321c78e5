package dev.tokenwarden.notifier.domain;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** A notification as receivers render it: group labels and incidents masked, nothing else of the original. */
public record NotificationView(
        String deliveryId,
        String routeId,
        String receiver,
        long sequence,
        Map<String, String> groupLabels,
        List<IncidentView> firing,
        List<IncidentView> resolved) {

    public static NotificationView of(Notification notification, UnaryOperator<String> mask) {
        Map<String, String> groupLabels = new TreeMap<>();
        notification.groupLabels().forEach((k, v) -> groupLabels.put(mask.apply(k), mask.apply(v)));
        return new NotificationView(notification.deliveryId(), notification.routeId(), notification.receiver(),
                notification.sequence(), groupLabels,
                notification.firing().stream().map(i -> IncidentView.of(i, mask)).toList(),
                notification.resolved().stream().map(i -> IncidentView.of(i, mask)).toList());
    }

    public List<IncidentView> incidents() {
        return Stream.concat(firing.stream(), resolved.stream()).toList();
    }

    /** A one-line headline, for chat messages and email subjects. */
    public String headline() {
        StringBuilder text = new StringBuilder();
        if (!firing.isEmpty()) {
            text.append(firing.size()).append(" firing");
        }
        if (!resolved.isEmpty()) {
            text.append(text.isEmpty() ? "" : ", ").append(resolved.size()).append(" resolved");
        }
        groupLabels.forEach((k, v) -> text.append(" · ").append(k).append('=').append(v));
        return "tokenwarden: " + text;
    }
}
