package dev.tokenwarden.notifier.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The silences in effect or scheduled; expired ones stay listed so an operator can see what was muted. Every
 * replica applies every silence record it reads, in whatever order: since a silence only ever gets shorter, the
 * copy with the earliest {@code endsAt} wins, so applying a record twice or late changes nothing and replicas agree.
 */
public final class Silences {
    private final ConcurrentMap<String, Silence> byId = new ConcurrentHashMap<>();

    public void apply(Silence silence) {
        byId.merge(silence.id(), silence, (held, incoming) -> incoming.endsAt().isBefore(held.endsAt()) ? incoming : held);
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
