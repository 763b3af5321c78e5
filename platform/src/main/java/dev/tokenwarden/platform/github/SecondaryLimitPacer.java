package dev.tokenwarden.platform.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each identity's calls under GitHub's secondary rate limit for REST ("no more than 900 points per minute";
 * a GET, HEAD or OPTIONS costs 1 point, any other method 5) instead of learning it from a 403: every call reserves
 * its points in a sliding minute of its identity (the credential's rate key: one app's JWT, one token) and is held
 * back until the minute has room. Reacting to the 403 alone is not enough at scale: GitHub answers a burst past
 * the limit with refusals for a minute, and repeated refusals can get an integration banned.
 * The budget is below GitHub's 900 to leave room for the time a request takes to reach GitHub. Replicas of a service
 * calling with one identity share GitHub's limit: each keeps to its part ({@link #shareWith}).
 */
final class SecondaryLimitPacer {
    /** GitHub's figure is 900; 850 leaves about 5 % for requests in flight when the window moves. */
    static final int DEFAULT_POINTS_PER_MINUTE = 850;
    static final int MOST_POINTS_PER_CALL = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Clock clock;
    private final int pointsPerMinute;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private volatile int replicas = 1;

    SecondaryLimitPacer(Clock clock, int pointsPerMinute) {
        this.clock = clock;
        this.pointsPerMinute = pointsPerMinute;
    }

    /** From now on, keeps to one {@code replicas}-th of the budget (at least one call's points). */
    void shareWith(int replicas) {
        this.replicas = Math.max(1, replicas);
    }

    private int budget() {
        return Math.max(MOST_POINTS_PER_CALL, pointsPerMinute / replicas);
    }

    static int points(String method) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS" -> 1;
            default -> MOST_POINTS_PER_CALL;
        };
    }

    /**
     * Reserves {@code method}'s points for {@code rateKey} at the first instant its identity's minute has room for them,
     * after every reservation made before (first come, first served: waiting callers do not race each other). A wait
     * longer than {@code longestWait} reserves nothing ({@link Reservation#granted()} false).
     */
    Reservation reserve(String rateKey, String method, Duration longestWait) {
        Window window = windows.computeIfAbsent(rateKey, key -> new Window());
        return window.reserve(clock.instant(), points(method), longestWait);
    }

    /**
     * Moves a reservation to when its call was answered. GitHub counts a call when it arrives, which may be well after
     * the reservation when many calls leave at once; the answer bounds that arrival, so the minute stays safe.
     */
    void answered(String rateKey, Reservation reservation) {
        Window window = windows.get(rateKey);
        if (window != null && reservation.granted()) {
            window.moveLater(reservation, clock.instant());
        }
    }

    /** The points of one call at the instant they count from; {@code waitFor} is how long the caller waits for that instant. */
    static final class Reservation {
        private final int points;
        private final Duration wait;
        private final boolean granted;
        private Instant at;

        private Reservation(Instant at, int points, Duration wait, boolean granted) {
            this.at = at;
            this.points = points;
            this.wait = wait;
            this.granted = granted;
        }

        Duration waitFor() {
            return wait;
        }

        boolean granted() {
            return granted;
        }
    }

    /** The calls of one identity within the last minute and those reserved ahead. */
    private final class Window {
        private final List<Reservation> calls = new ArrayList<>();

        synchronized Reservation reserve(Instant now, int points, Duration longestWait) {
            calls.removeIf(call -> !call.at.isAfter(now.minus(WINDOW)));
            // In order of the instants they count from (an answer moves a call later); a new one goes after them all.
            calls.sort(Comparator.comparing(call -> call.at));
            Instant at = calls.isEmpty() || calls.getLast().at.isBefore(now) ? now : calls.getLast().at;
            int inWindow = calls.stream().mapToInt(call -> call.points).sum();
            int budget = budget();
            for (Reservation call : calls) {
                if (call.at.isAfter(at.minus(WINDOW))) {
                    if (inWindow + points <= budget) {
                        break;
                    }
                    // Not before this call has left the minute.
                    at = call.at.plus(WINDOW);
                }
                inWindow -= call.points;
            }
            Duration wait = Duration.between(now, at);
            boolean granted = wait.compareTo(longestWait) <= 0;
            Reservation reservation = new Reservation(at, points, wait, granted);
            if (granted) {
                calls.add(reservation);
            }
            return reservation;
        }

        synchronized void moveLater(Reservation reservation, Instant answeredAt) {
            if (answeredAt.isAfter(reservation.at)) {
                reservation.at = answeredAt;
            }
        }
    }
}
