package dev.tokenwarden.notifier.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The silences in effect or scheduled; expired ones stay listed for a retention period so an operator can see what
 * was muted, then their tombstone removes them. Every replica applies every silence record it reads, in whatever
 * order: since a silence only ever gets shorter, the copy with the earliest {@code endsAt} wins, so applying a record
 * twice or late changes nothing and replicas agree.
 */
public final class Silences {
    private final ConcurrentMap<String, Silence> byId = new ConcurrentHashMap<>();

    public void apply(Silence silence) {
        byId.merge(silence.id(), silence, (held, incoming) -> incoming.endsAt().isBefore(held.endsAt()) ? incoming : held);
    }

    /** Forgets a silence whose tombstone was read or acknowledged; forgetting an unknown id changes nothing. */
    public void remove(String id) {
        byId.remove(id);
    }

    /** The silences that ended more than {@code retention} before {@code now}, due to be dropped. */
    public List<Silence> pastRetention(Instant now, Duration retention) {
        Instant cutoff = now.minus(retention);
        return byId.values().stream().filter(s -> s.endsAt().isBefore(cutoff)).toList();
    }

    public Optional<Silence> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<Silence> all() {
        return byId.values().stream().sorted(Comparator.comparing(Silence::startsAt).thenComparing(Silence::id)).toList();
    }

    public Optional<Silence> muting(Map<String, String> labels, Instant now) {
        return byId.values().stream().filter(s -> s.mutes(labels, now)).findFirst();
    }
}
