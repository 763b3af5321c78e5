package dev.tokenwarden.console.domain;

import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Open incidents by key, and the most recently resolved ones. A copy no newer than the one held (a redelivery)
 * changes nothing, so the consumer is idempotent on the incident key.
 */
public final class Incidents {
    private final Map<String, Incident> open = new HashMap<>();
    private final BoundedLog<Incident> resolved;

    public Incidents(int resolvedKept) {
        this.resolved = new BoundedLog<>(resolvedKept, i -> i.incidentKey() + "@" + i.lastSeen());
    }

    /** True when the incident changed what the model holds. */
    public synchronized boolean accept(Incident incident) {
        Incident held = open.get(incident.incidentKey());
        if (held != null && incident.lastSeen().isBefore(held.lastSeen())) {
            return false;
        }
        if (incident.status() == IncidentStatus.FIRING) {
            open.put(incident.incidentKey(), incident);
            return true;
        }
        open.remove(incident.incidentKey());
        return resolved.add(incident);
    }

    /** Open incidents matching {@code text} (key, title, type or a label value), worst and newest first. */
    public synchronized Page<Incident> open(String text, int number, int size) {
        Page.Collector<Incident> collector = new Page.Collector<>(number, size);
        open.values().stream().filter(i -> matches(i, text))
                .sorted(Comparator.comparing(Incident::severity).reversed()
                        .thenComparing(Incident::lastSeen, Comparator.reverseOrder())
                        .thenComparing(Incident::incidentKey))
                .forEach(collector::offer);
        return collector.page();
    }

    public Page<Incident> resolved(String text, int number, int size) {
        return resolved.page(i -> matches(i, text), number, size);
    }

    public synchronized int openCount() {
        return open.size();
    }

    static boolean matches(Incident incident, String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String needle = text.strip().toLowerCase(Locale.ROOT);
        return List.of(incident.incidentKey(), incident.title(), incident.type()).stream()
                .anyMatch(s -> s.toLowerCase(Locale.ROOT).contains(needle))
                || incident.labels().values().stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains(needle));
    }
}
