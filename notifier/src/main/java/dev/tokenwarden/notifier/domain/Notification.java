package dev.tokenwarden.notifier.domain;

import dev.tokenwarden.events.Incident;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One message for one receiver about one group: the incidents firing in it and those resolved since the last
 * message. {@code deliveryId} is {@code ntf-<groupId>-<sequence>}: the same group and sequence always give
 * the same id, so a message re-sent after a crash carries the id the receiver already saw.
 */
public record Notification(
        String deliveryId,
        String groupId,
        String routeId,
        String receiver,
        Map<String, String> groupLabels,
        long sequence,
        List<Incident> firing,
        List<Incident> resolved) {

    private static final String PREFIX = "ntf-";

    public Notification {
        groupLabels = Map.copyOf(groupLabels);
        firing = List.copyOf(firing);
        resolved = List.copyOf(resolved);
    }

    public static String deliveryId(String groupId, long sequence) {
        return PREFIX + groupId + "-" + sequence;
    }

    /** The group id and sequence of a delivery id this notifier wrote; empty for anything else. */
    public static Optional<Sequenced> parse(String deliveryId) {
        if (deliveryId == null || !deliveryId.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int dash = deliveryId.lastIndexOf('-');
        if (dash <= PREFIX.length()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Sequenced(deliveryId.substring(PREFIX.length(), dash),
                    Long.parseLong(deliveryId.substring(dash + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public record Sequenced(String groupId, long sequence) {
    }

    public List<Incident> incidents() {
        return Stream.concat(firing.stream(), resolved.stream()).toList();
    }
}
