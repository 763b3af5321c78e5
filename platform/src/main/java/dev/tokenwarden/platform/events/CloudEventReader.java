package dev.tokenwarden.platform.events;

import dev.tokenwarden.events.EventJson;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Service;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns a Kafka record into an {@link InboundEvent} or refuses it with a {@link RejectedEventException}.
 * Plain Java, so every consumer checks records the same way and the checks test without Quarkus.
 */
public final class CloudEventReader {
    private final Set<EventType> accepted;

    private CloudEventReader(Set<EventType> accepted) {
        this.accepted = Set.copyOf(accepted);
    }

    /** A reader for a channel that accepts exactly these types. */
    public static CloudEventReader accepting(EventType first, EventType... rest) {
        return new CloudEventReader(EnumSet.of(first, rest));
    }

    public InboundEvent read(ConsumerRecord<String, byte[]> record) {
        String ceType = header(record, CloudEventHeaders.TYPE);
        if (ceType == null) {
            throw new RejectedEventException(RejectReason.MISSING_TYPE, "record has no " + CloudEventHeaders.TYPE + " header");
        }
        EventType type = EventType.byCeType(ceType).orElseThrow(() ->
                new RejectedEventException(RejectReason.UNKNOWN_TYPE, "unknown event type '" + printable(ceType) + "'"));
        if (!accepted.contains(type)) {
            throw new RejectedEventException(RejectReason.UNEXPECTED_TYPE, "type " + ceType + " is not consumed here; expected one of "
                    + accepted.stream().map(EventType::ceType).sorted().collect(Collectors.joining(", ")));
        }
        String sourceHeader = header(record, CloudEventHeaders.SOURCE);
        if (sourceHeader == null) {
            throw new RejectedEventException(RejectReason.MISSING_SOURCE, "record has no " + CloudEventHeaders.SOURCE + " header");
        }
        Service source = Service.bySource(sourceHeader)
                .filter(type::mayBeProducedBy)
                .orElseThrow(() -> new RejectedEventException(RejectReason.DISALLOWED_SOURCE,
                        "source '" + printable(sourceHeader) + "' may not produce " + ceType));
        String id = header(record, CloudEventHeaders.ID);
        if (id == null || id.isBlank()) {
            throw new RejectedEventException(RejectReason.MISSING_ID, "record has no " + CloudEventHeaders.ID + " header");
        }
        Record payload = body(record, type);
        return new InboundEvent(id, type, source, header(record, CloudEventHeaders.SUBJECT), time(record), record.key(), payload);
    }

    private static Record body(ConsumerRecord<String, byte[]> record, EventType type) {
        if (record.value() == null) {
            if (type.compacted()) {
                return null;
            }
            throw new RejectedEventException(RejectReason.MALFORMED_BODY, "empty body on non-compacted topic " + record.topic());
        }
        try {
            return EventJson.read(record.value(), type.payload());
        } catch (EventJson.MalformedPayloadException e) {
            throw new RejectedEventException(RejectReason.MALFORMED_BODY, e.getMessage());
        }
    }

    private static Instant time(ConsumerRecord<String, byte[]> record) {
        String time = header(record, CloudEventHeaders.TIME);
        if (time == null) {
            return Instant.ofEpochMilli(record.timestamp());
        }
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            return java.time.OffsetDateTime.parse(time).toInstant();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Header values come from outside: keep them short and printable before they reach a reason header or log. */
    private static String printable(String value) {
        String cleaned = value.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 120 ? cleaned.substring(0, 120) + "…" : cleaned;
    }
}
