package dev.tokenwarden.notifier.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.Map;

/** The silences in effect or scheduled; expired ones stay listed so an operator can see what was muted. */
public final class Silences {
    private final ConcurrentMap<String, Silence> byId = new ConcurrentHashMap<>();

    public void put(Silence silence) {
        byId.put(silence.id(), silence);
    }

    public Optional<Silence> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Ends a silence now; empty if there is no such silence. */
    public Optional<Silence> expire(String id, Instant now) {
        return Optional.ofNullable(byId.computeIfPresent(id, (key, silence) -> silence.expiredAt(now)));
    }

    public List<Silence> all() {
        return byId.values().stream().sorted(Comparator.comparing(Silence::startsAt).thenComparing(Silence::id)).toList();
    }

    public Optional<Silence> muting(Map<String, String> labels, Instant now) {
        return byId.values().stream().filter(s -> s.mutes(labels, now)).findFirst();
    }
}
