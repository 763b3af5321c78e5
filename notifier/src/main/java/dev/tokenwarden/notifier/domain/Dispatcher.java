package dev.tokenwarden.notifier.domain;

import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * Routing, grouping and de-duplication, with Alertmanager's timing: a new group waits {@code group_wait} before
 * its first message, then is looked at every {@code group_interval}; it sends only when its firing set changed
 * or an incident resolved, or after {@code repeat_interval} of silence. An incident is muted when a silence or
 * an inhibition rule holds at the moment its group flushes. The notified state is what receivers confirmed
 * ({@link #delivered}); a message that failed leaves it unchanged, so the next flush sends it again.
 * Every step costs the incidents it touches, not all the open ones: inhibition goes through an index
 * ({@link Inhibitions}), and each incident counts the groups holding it, so a resolved one is forgotten without a
 * scan. Thread-safe; time always comes from the caller.
 */
public final class Dispatcher {
    private final RoutingConfig routing;
    private final Silences silences;
    private final Map<String, Incident> latest = new HashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    /** Per incident key, how many groups hold it; a resolved incident no group holds is forgotten. */
    private final Map<String, Integer> holders = new HashMap<>();
    /** Resolved incidents taken in that no group took; forgotten at the next clean-up, as before a scan did. */
    private final Set<String> unheld = new HashSet<>();
    private final Inhibitions inhibitions;
    /** Per group id, the last sequence used; outlives the group so a later episode never reuses a delivery id. */
    private final Map<String, Long> sequences = new HashMap<>();

    public Dispatcher(RoutingConfig routing, Silences silences) {
        this.routing = routing;
        this.silences = silences;
        this.inhibitions = new Inhibitions(routing.inhibitRules());
    }

    /**
     * Takes an incident in. Returns false, changing nothing, for a stale or repeated copy: one whose
     * {@code lastSeen} is older than the held one's, or equal with the same status.
     */
    public synchronized boolean accept(Incident incident, Instant now) {
        Incident held = latest.get(incident.incidentKey());
        if (held != null && (incident.lastSeen().isBefore(held.lastSeen())
                || incident.lastSeen().equals(held.lastSeen()) && incident.status() == held.status())) {
            return false;
        }
        latest.put(incident.incidentKey(), incident);
        Map<String, String> labels = IncidentLabels.of(incident);
        inhibitions.put(labels);
        for (Route route : routing.tree().route(labels)) {
            Map<String, String> groupLabels = new TreeMap<>();
            route.groupBy().forEach(l -> groupLabels.put(l, labels.getOrDefault(l, "")));
            for (String receiver : route.receivers()) {
                String id = groupId(route.id(), receiver, groupLabels);
                Group group = groups.get(id);
                if (group == null) {
                    if (incident.status() == IncidentStatus.RESOLVED) {
                        continue;
                    }
                    group = new Group(id, route, receiver, groupLabels, now.plus(route.groupWait()));
                    groups.put(id, group);
                }
                if (group.incidents.put(incident.incidentKey(), incident) == null) {
                    holders.merge(incident.incidentKey(), 1, Integer::sum);
                }
            }
        }
        if (incident.status() == IncidentStatus.RESOLVED && !holders.containsKey(incident.incidentKey())) {
            unheld.add(incident.incidentKey());
        }
        return true;
    }

    /** Flushes every group whose timer has expired at {@code now}. */
    public Flush due(Instant now) {
        return due(now, receiver -> Integer.MAX_VALUE);
    }

    /**
     * Flushes every group whose timer has expired at {@code now}, at most {@code room} notifications per receiver:
     * a group whose receiver has no room left stays due, and flushes (with whatever changed meanwhile) once the
     * receiver has taken some of its backlog, so a slow receiver's backlog waits here, bounded by its groups.
     */
    public synchronized Flush due(Instant now, ToIntFunction<String> room) {
        List<Notification> notifications = new ArrayList<>();
        List<Suppression> suppressions = new ArrayList<>();
        Map<String, Integer> left = new HashMap<>();
        for (Group group : List.copyOf(groups.values())) {
            if (group.inFlight || group.nextFlush.isAfter(now)) {
                continue;
            }
            int roomLeft = left.computeIfAbsent(group.receiver, room::applyAsInt);
            if (roomLeft <= 0) {
                continue;
            }
            if (flush(group, now, notifications, suppressions)) {
                left.put(group.receiver, roomLeft - 1);
            }
        }
        return new Flush(notifications, suppressions);
    }

    /** When the earliest group timer expires, if any group is waiting. */
    public synchronized Optional<Instant> nextFlush() {
        return groups.values().stream().filter(g -> !g.inFlight).map(g -> g.nextFlush).min(Instant::compareTo);
    }

    /** The receiver confirmed the message: what it carried is now the group's notified state. */
    public synchronized void delivered(Notification notification, Instant at) {
        Group group = groups.get(notification.groupId());
        if (group == null) {
            return;
        }
        group.inFlight = false;
        notification.firing().forEach(i -> group.notified.put(i.incidentKey(), IncidentStatus.FIRING));
        notification.resolved().forEach(i -> group.notified.put(i.incidentKey(), IncidentStatus.RESOLVED));
        group.lastNotifiedAt = at;
        dropFinished(group);
    }

    /** Every receiver, the fallback included, failed: nothing changes, and the next flush tries again. */
    public synchronized void failed(Notification notification) {
        Group group = groups.get(notification.groupId());
        if (group != null) {
            group.inFlight = false;
        }
    }

    /**
     * Replays one confirmed delivery from the delivery log at start, after the incidents have been replayed,
     * so a restart neither forgets what was sent nor reuses a sequence.
     */
    public synchronized void restoreDelivered(String groupId, long sequence, String incidentKey, IncidentStatus status, Instant at) {
        sequences.merge(groupId, sequence, Math::max);
        Group group = groups.get(groupId);
        if (group == null) {
            return;
        }
        group.notified.put(incidentKey, status);
        if (group.lastNotifiedAt == null || at.isAfter(group.lastNotifiedAt)) {
            group.lastNotifiedAt = at;
            Instant next = at.plus(group.route.groupInterval());
            if (next.isAfter(group.nextFlush)) {
                group.nextFlush = next;
            }
        }
    }

    /** The firing incidents currently held, for the REST view and inhibition. */
    public synchronized List<Incident> firing() {
        return latest.values().stream().filter(i -> i.status() == IncidentStatus.FIRING).toList();
    }

    public RoutingConfig routing() {
        return routing;
    }

    /** Why an incident would be muted right now, if it would. */
    public synchronized Optional<String> muteReason(Incident incident, Instant now) {
        Map<String, String> labels = IncidentLabels.of(incident);
        Optional<Silence> silence = silences.muting(labels, now);
        if (silence.isPresent()) {
            return Optional.of("silenced by " + silence.get().id());
        }
        return inhibitions.inhibitor(labels).map(source -> "inhibited by " + source);
    }

    /** Looks at one due group; true when it produced a notification. */
    private boolean flush(Group group, Instant now, List<Notification> notifications, List<Suppression> suppressions) {
        List<Incident> firing = new ArrayList<>();
        List<Incident> resolved = new ArrayList<>();
        for (Incident incident : group.incidents.values()) {
            IncidentStatus notified = group.notified.get(incident.incidentKey());
            if (incident.status() == IncidentStatus.RESOLVED) {
                if (notified == IncidentStatus.FIRING) {
                    resolved.add(incident);
                }
                continue;
            }
            Optional<String> muted = muteReason(incident, now);
            if (muted.isPresent()) {
                if (!muted.get().equals(group.suppressed.put(incident.incidentKey(), muted.get()))) {
                    suppressions.add(new Suppression(incident.incidentKey(), group.receiver, group.id, muted.get()));
                }
                continue;
            }
            group.suppressed.remove(incident.incidentKey());
            firing.add(incident);
        }
        boolean changed = !resolved.isEmpty() || firing.stream().anyMatch(i -> group.notified.get(i.incidentKey()) != IncidentStatus.FIRING);
        boolean repeat = !firing.isEmpty() && group.lastNotifiedAt != null
                && !group.lastNotifiedAt.plus(group.route.repeatInterval()).isAfter(now);
        group.nextFlush = now.plus(group.route.groupInterval());
        if (changed || repeat) {
            long sequence = sequences.merge(group.id, 1L, Long::sum);
            group.inFlight = true;
            notifications.add(new Notification(Notification.deliveryId(group.id, sequence), group.id, group.route.id(),
                    group.receiver, group.labels, sequence, firing, resolved));
            return true;
        }
        dropFinished(group);
        return false;
    }

    /** Forgets resolved incidents nobody needs to hear about any more, and the group once it is empty. */
    private void dropFinished(Group group) {
        Iterator<Incident> held = group.incidents.values().iterator();
        while (held.hasNext()) {
            Incident incident = held.next();
            if (incident.status() == IncidentStatus.RESOLVED && group.notified.get(incident.incidentKey()) != IncidentStatus.FIRING) {
                held.remove();
                if (holders.merge(incident.incidentKey(), -1, Integer::sum) == 0) {
                    holders.remove(incident.incidentKey());
                    unheld.add(incident.incidentKey());
                }
            }
        }
        group.notified.keySet().retainAll(group.incidents.keySet());
        group.suppressed.keySet().retainAll(group.incidents.keySet());
        if (group.incidents.isEmpty() && !group.inFlight) {
            groups.remove(group.id);
        }
        for (String key : unheld) {
            Incident incident = latest.get(key);
            if (incident != null && incident.status() == IncidentStatus.RESOLVED && !holders.containsKey(key)) {
                latest.remove(key);
            }
        }
        unheld.clear();
    }

    static String groupId(String routeId, String receiver, Map<String, String> groupLabels) {
        StringBuilder key = new StringBuilder(routeId).append('\n').append(receiver);
        groupLabels.forEach((k, v) -> key.append('\n').append(k).append('=').append(v));
        return ShortHash.of(key.toString());
    }

    private static final class Group {
        final String id;
        final Route route;
        final String receiver;
        final Map<String, String> labels;
        final Map<String, Incident> incidents = new LinkedHashMap<>();
        final Map<String, IncidentStatus> notified = new HashMap<>();
        final Map<String, String> suppressed = new HashMap<>();
        Instant nextFlush;
        Instant lastNotifiedAt;
        boolean inFlight;

        Group(String id, Route route, String receiver, Map<String, String> labels, Instant nextFlush) {
            this.id = id;
            this.route = route;
            this.receiver = receiver;
            this.labels = labels;
            this.nextFlush = nextFlush;
        }
    }
}
