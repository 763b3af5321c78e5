package dev.tokenwarden.notifier.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Mutes every incident its matchers all hold for, from {@code startsAt} until {@code endsAt}. A silence is never
 * edited, only expired early, which shortens it and names who did it ({@code expiredBy}, null until then).
 */
public record Silence(String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment,
        String expiredBy) {

    public Silence {
        matchers = List.copyOf(matchers);
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("a silence needs at least one matcher; it would mute everything");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("endsAt must be after startsAt");
        }
    }

    public boolean activeAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    /** True once it can mute nothing any more. */
    public boolean endedAt(Instant now) {
        return !now.isBefore(endsAt);
    }

    public boolean mutes(Map<String, String> labels, Instant now) {
        return activeAt(now) && matchers.stream().allMatch(m -> m.matches(labels));
    }

    public Silence expiredAt(Instant now, String by) {
        Instant end = now.isBefore(startsAt) ? startsAt.plusNanos(1) : now;
        return new Silence(id, matchers, startsAt, end.isBefore(endsAt) ? end : endsAt, createdBy, comment, by);
    }
}
