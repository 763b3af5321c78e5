package dev.tokenwarden.platform.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each identity's calls under GitHub's secondary rate limit for REST ("no more than 900 points per minute";
 * a GET, HEAD or OPTIONS costs 1 point, any other method 5) instead of learning it from a 403: every call reserves
 * its points in a sliding minute of its identity (the credential's rate key: one app's JWT, one token) and is held
 * back until the minute has room. Reacting to the 403 alone is not enough at scale: GitHub answers a burst past
 * the limit with refusals for a minute, and repeated refusals can get an integration banned.
 * The budget is below GitHub's 900 to leave room for the time a request takes to reach GitHub. Per process: several
 * replicas of a service calling with one identity share GitHub's limit between them.
 */
final class SecondaryLimitPacer {
    /** GitHub's figure is 900; 850 leaves about 5 % for requests in flight when the window moves. */
    static final int DEFAULT_POINTS_PER_MINUTE = 850;
    static final int MOST_POINTS_PER_CALL = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Clock clock;
    private final int pointsPerMinute;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    SecondaryLimitPacer(Clock clock, int pointsPerMinute) {
        this.clock = clock;
        this.pointsPerMinute = pointsPerMinute;
    }

    static int points(String method) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS" -> 1;
            default -> MOST_POINTS_PER_CALL;
        };
    }

    /**
     * Reserves {@code method}'s points for {@code rateKey} at the first instant its identity's minute has room for them,
     * after every reservation made before (first come, first served: waiting callers do not race each other), and
     * returns how long to wait for that instant. A wait longer than {@code longestWait} reserves nothing.
     */
    Duration reserve(String rateKey, String method, Duration longestWait) {
        Window window = windows.computeIfAbsent(rateKey, key -> new Window());
        return window.reserve(clock.instant(), points(method), longestWait);
    }

    private record Call(Instant at, int points) {
    }

    /** The calls of one identity within the last minute and those reserved ahead, in order. */
    private final class Window {
        private final ArrayDeque<Call> calls = new ArrayDeque<>();
        private int used;

        synchronized Duration reserve(Instant now, int points, Duration longestWait) {
            while (!calls.isEmpty() && !calls.peekFirst().at().isAfter(now.minus(WINDOW))) {
                used -= calls.removeFirst().points();
            }
            Instant at = calls.isEmpty() || calls.peekLast().at().isBefore(now) ? now : calls.peekLast().at();
            int inWindow = used;
            for (Call call : calls) {
                if (!call.at().isAfter(at.minus(WINDOW))) {
                    inWindow -= call.points();
                } else if (inWindow + points <= pointsPerMinute) {
                    break;
                } else {
                    // Not before this call has left the minute.
                    at = call.at().plus(WINDOW);
                    inWindow -= call.points();
                }
            }
            Duration wait = Duration.between(now, at);
            if (wait.compareTo(longestWait) <= 0) {
                calls.addLast(new Call(at, points));
                used += points;
            }
            return wait;
        }
    }
}
