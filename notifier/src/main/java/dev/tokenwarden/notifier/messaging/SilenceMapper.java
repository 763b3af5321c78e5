package dev.tokenwarden.notifier.messaging;

import dev.tokenwarden.events.SilenceRecord;
import dev.tokenwarden.notifier.domain.Matcher;
import dev.tokenwarden.notifier.domain.Silence;
import dev.tokenwarden.platform.events.RejectReason;
import dev.tokenwarden.platform.events.RejectedEventException;
import java.time.Instant;

/** Between the domain's {@link Silence} and the wire's {@link SilenceRecord}; matchers travel in routing syntax. */
final class SilenceMapper {
    private SilenceMapper() {
    }

    static SilenceRecord toRecord(Silence silence, Instant updatedAt) {
        return new SilenceRecord(silence.id(), silence.matchers().stream().map(Matcher::toString).toList(), silence.startsAt(),
                silence.endsAt(), silence.createdBy(), silence.comment(), silence.expiredBy(), updatedAt);
    }

    /** A record whose matchers or times make no silence can never be applied: it is refused (dead-lettered). */
    static Silence toDomain(SilenceRecord record) {
        try {
            return new Silence(record.id(), record.matchers().stream().map(Matcher::parse).toList(), record.startsAt(),
                    record.endsAt(), record.createdBy(), record.comment(), record.expiredBy());
        } catch (IllegalArgumentException e) {
            throw new RejectedEventException(RejectReason.MALFORMED_BODY, "silence " + record.id() + ": " + e.getMessage());
        }
    }
}
