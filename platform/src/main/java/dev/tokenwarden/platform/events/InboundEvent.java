package dev.tokenwarden.platform.events;

import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Service;
import java.time.Instant;

/**
 * A record that passed every check: a known type expected on this channel, from a source allowed to
 * produce it, with a body that is a valid payload. {@code payload} is null only for a tombstone on a
 * compacted topic.
 */
public record InboundEvent(
        String id, EventType type, Service source, String subject, Instant time, String key, Record payload) {

    public boolean isTombstone() {
        return payload == null;
    }

    public <T extends Record> T payload(Class<T> expected) {
        if (!expected.isInstance(payload)) {
            throw new IllegalStateException("event " + id + " of type " + type.ceType() + " carries no "
                    + expected.getSimpleName());
        }
        return expected.cast(payload);
    }
}
