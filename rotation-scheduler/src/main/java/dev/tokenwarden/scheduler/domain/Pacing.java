package dev.tokenwarden.scheduler.domain;

import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.RateLimitObservation;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Per-installation mint budgets per minute, derived from the latest {@code github.ratelimit} observation, within a
 * per-app budget: GitHub's secondary limit counts all of an app's mints together, so fifty installations of one app
 * must not each mint their own quota in the same minute, and a secondary-limit refusal seen on one installation holds
 * for every installation of its app. The app's budget counts a sliding minute, as GitHub does: with calendar minutes a
 * full budget at the end of one minute and another at the start of the next would be twice the budget within sixty
 * seconds. The app's own calls (its JWT: one mint each) are observed under the app id; when GitHub announces an hourly
 * quota or a secondary limit on them, the app mints no more than remains of it ({@code appBudget}). Not thread-safe:
 * the {@link Schedule} that owns it serialises access.
 */
public final class Pacing {
    /** The budget key of credentials that mint from no app installation (PATs, keys). */
    public static final String UNPOOLED = "unpooled";
    /** Where {@link #plan} counts an app's planned mints beside its installations' (keys never start with it). */
    private static final String APP_PREFIX = "app:";

    private final PacingPolicy policy;
    private final Map<String, RateLimitObservation> observations = new HashMap<>();
    private final Map<String, Usage> usage = new HashMap<>();
    private final Map<String, ArrayDeque<Instant>> appMints = new HashMap<>();
    private final Map<String, Instant> appLimitedUntil = new HashMap<>();
    /** The apps of the installations seen, whose own calls' observations are keyed by the app id. */
    private final Set<String> apps = new HashSet<>();
    private final Set<String> warned = new HashSet<>();
    private double replicaShare = 1;

    public Pacing(PacingPolicy policy) {
        this.policy = policy;
    }

    /**
     * This replica's part of every budget: the share of the inventory's partitions it schedules. Replicas each see the
     * same rate-limit observations and GitHub counts their mints together, so each takes only its part (rounded down):
     * three replicas owning 4 of 12 partitions each mint at most 56 a minute from an app, 168 in all, within the 170.
     */
    void replicaShare(int ownedPartitions, int partitionCount) {
        replicaShare = partitionCount < 1 ? 1 : Math.clamp((double) ownedPartitions / partitionCount, 0, 1);
    }

    /** This replica's part of {@code budget}; at least 1, so a replica owning a sliver of the partitions still rotates. */
    private int ownPart(long budget) {
        return (int) Math.max(1, (long) (budget * replicaShare));
    }

    /**
     * Mints {@code app} may take in {@code now}'s minute: its per-minute cap, and never more than the latest observation
     * of the app's own calls (its JWT, one per mint) leaves of their hour. Not spread over the hour as an installation's
     * quota is (whose tokens' consumers spend it too): only the broker calls with the app's JWT, and mints come in
     * bursts exactly when speed matters (an emergency rotation); spreading 2,000 left over 40 minutes made a
     * 1,000-credential emergency take 694 s instead of 333 (PipelineBench).
     */
    private int appBudget(String app, Instant now) {
        int cap = policy.maxPerAppPerMinute();
        RateLimitObservation observation = current(app, now);
        if (observation == null) {
            return ownPart(cap);
        }
        if (observation.secondaryLimitedUntil() != null && observation.secondaryLimitedUntil().isAfter(now)
                || observation.remaining() < 1) {
            return 0;
        }
        return ownPart(Math.min(cap, observation.remaining()));
    }

    /** Records an observation; returns the warning incident to publish when headroom crosses the warning threshold. */
    public Optional<Incident> observe(RateLimitObservation observation, Instant now) {
        RateLimitObservation previous = observations.get(observation.installation());
        if (previous != null && previous.observedAt().isAfter(observation.observedAt())) {
            return Optional.empty();
        }
        observations.put(observation.installation(), observation);
        String app = appOf(observation.installation());
        if (app != null) {
            apps.add(app);
        }
        if (observation.secondaryLimitedUntil() != null) {
            appLimitedUntil.merge(app == null ? observation.installation() : app, observation.secondaryLimitedUntil(),
                    (a, b) -> a.isAfter(b) ? a : b);
        }
        boolean low = headroom(observation, now) < policy.warnBelow();
        String key = observation.installation();
        if (low && warned.add(key)) {
            return Optional.of(Incidents.rateLimitLow(key, IncidentStatus.FIRING, observation.remaining(), observation.limit(),
                    observation.observedAt(), now));
        }
        if (!low && warned.remove(key)) {
            return Optional.of(Incidents.rateLimitLow(key, IncidentStatus.RESOLVED, observation.remaining(), observation.limit(),
                    observation.observedAt(), now));
        }
        return Optional.empty();
    }

    public PacingMode mode(String installation, Instant now) {
        RateLimitObservation observation = current(installation, now);
        return observation == null ? PacingMode.NORMAL : policy.mode(headroom(observation, now));
    }

    /** Mints this installation, or all installations of this app (keyed by its id), may take in the current minute. */
    public int budgetPerMinute(String installation, Instant now) {
        boolean isApp = apps.contains(installation);
        Instant appLimited = appLimitedUntil.get(isApp ? installation : appOf(installation));
        if (appLimited != null && appLimited.isAfter(now)) {
            return 0;
        }
        if (isApp) {
            return appBudget(installation, now);
        }
        RateLimitObservation observation = current(installation, now);
        if (observation == null) {
            return ownPart(policy.unobservedPerMinute());
        }
        if (observation.secondaryLimitedUntil() != null && observation.secondaryLimitedUntil().isAfter(now)) {
            return 0;
        }
        if (observation.remaining() < policy.callsPerMint()) {
            return 0;
        }
        long minutesToReset = Math.max(1, (Duration.between(now, observation.resetAt()).toSeconds() + 59) / 60);
        double share = policy.share(policy.mode(headroom(observation, now)));
        long budget = (long) (observation.remaining() * share / policy.callsPerMint() / minutesToReset);
        return ownPart(Math.clamp(budget, 1, policy.maxPerMinute()));
    }

    /** Takes one mint from whichever of the installations has most budget left this minute, if any has. */
    Optional<String> take(List<String> installations, Instant now) {
        String best = mostLeft(installations, now, true, Map.of());
        if (best == null) {
            return Optional.empty();
        }
        long minute = Math.floorDiv(now.getEpochSecond(), 60) * 60;
        usage.computeIfAbsent(best, k -> new Usage()).take(minute);
        String app = appOf(best);
        if (app != null) {
            apps.add(app);
            appMints.computeIfAbsent(app, k -> new ArrayDeque<>()).addLast(now);
        }
        return Optional.of(best);
    }

    /**
     * Where and when each credential's mint would come from if all of them were asked for at {@code now}, in order,
     * without taking anything: minute by minute, each from whichever installation of its pool has most budget left,
     * as {@link #take} hands them out. An estimate from the latest observations: the remaining quota is not drawn
     * down between observations, and scheduled rotations falling in the same minutes are not counted. A credential
     * that finds no budget within {@code horizon} gets an empty plan.
     */
    public List<Optional<PlannedMint>> plan(List<List<String>> pools, Instant now, Duration horizon) {
        List<Optional<PlannedMint>> plans = new ArrayList<>(Collections.nCopies(pools.size(), Optional.empty()));
        Map<List<String>, ArrayDeque<Integer>> waiting = new LinkedHashMap<>();
        for (int i = 0; i < pools.size(); i++) {
            waiting.computeIfAbsent(pools.get(i), k -> new ArrayDeque<>()).add(i);
        }
        long firstMinute = Math.floorDiv(now.getEpochSecond(), 60) * 60;
        long lastMinute = firstMinute + horizon.toSeconds();
        Map<String, Integer> usedInMinute = new HashMap<>();
        for (long minute = firstMinute; minute <= lastMinute && !waiting.isEmpty(); minute += 60) {
            Instant at = minute == firstMinute ? now : Instant.ofEpochSecond(minute);
            usedInMinute.clear();
            for (Iterator<Map.Entry<List<String>, ArrayDeque<Integer>>> groups = waiting.entrySet().iterator(); groups.hasNext(); ) {
                Map.Entry<List<String>, ArrayDeque<Integer>> group = groups.next();
                ArrayDeque<Integer> queue = group.getValue();
                String installation;
                while (!queue.isEmpty() && (installation = mostLeft(group.getKey(), at, minute == firstMinute, usedInMinute)) != null) {
                    usedInMinute.merge(installation, 1, Integer::sum);
                    String app = appOf(installation);
                    if (app != null) {
                        usedInMinute.merge(APP_PREFIX + app, 1, Integer::sum);
                    }
                    plans.set(queue.poll(), Optional.of(new PlannedMint(installation, at)));
                }
                if (queue.isEmpty()) {
                    groups.remove();
                }
            }
        }
        return plans;
    }

    /**
     * The installation with most budget left in {@code at}'s minute after the planned mints ({@code usedInMinute}, by
     * installation and by {@link #APP_PREFIX} app), counting real use in the current minute; never more than its app has left.
     */
    private String mostLeft(List<String> installations, Instant at, boolean currentMinute, Map<String, Integer> usedInMinute) {
        long minute = Math.floorDiv(at.getEpochSecond(), 60) * 60;
        String best = null;
        int bestLeft = 0;
        for (String installation : installations) {
            int alreadyUsed = currentMinute ? used(usage, installation, minute) : 0;
            int left = budgetPerMinute(installation, at) - alreadyUsed - usedInMinute.getOrDefault(installation, 0);
            String app = appOf(installation);
            if (app != null) {
                int appUsed = (currentMinute ? mintedInTheLastMinute(app, at) : 0) + usedInMinute.getOrDefault(APP_PREFIX + app, 0);
                left = Math.min(left, appBudget(app, at) - appUsed);
            }
            if (left > bestLeft) {
                best = installation;
                bestLeft = left;
            }
        }
        return best;
    }

    /** One planned mint: the installation whose budget it takes, and the minute (or, in the current one, the instant) it would be emitted. */
    public record PlannedMint(String installation, Instant at) {
    }

    public List<InstallationPacing> snapshot(Instant now) {
        long minute = now.truncatedTo(ChronoUnit.MINUTES).getEpochSecond();
        Set<String> installations = new TreeSet<>(observations.keySet());
        installations.addAll(usage.keySet());
        List<InstallationPacing> result = new ArrayList<>();
        for (String installation : installations) {
            RateLimitObservation observation = observations.get(installation);
            result.add(new InstallationPacing(installation, mode(installation, now), budgetPerMinute(installation, now),
                    used(usage, installation, minute), observation == null ? null : observation.remaining(),
                    observation == null ? null : observation.limit(), observation == null ? null : observation.resetAt()));
        }
        return result;
    }

    /**
     * When a mint refused now could next find budget in {@code installations}: the next minute for an installation's
     * own budget, or when its app's oldest mint leaves the sliding minute if that is later.
     */
    Instant nextChance(List<String> installations, Instant now) {
        Instant nextMinute = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        Instant soonest = null;
        for (String installation : installations) {
            Instant chance = nextMinute;
            String app = appOf(installation);
            int appMinted = app == null ? 0 : mintedInTheLastMinute(app, now);
            if (appMinted > 0 && appMinted >= appBudget(app, now)) {
                Instant appFrees = appMints.get(app).peekFirst().plusSeconds(60);
                chance = appFrees.isAfter(chance) ? appFrees : chance;
            }
            soonest = soonest == null || chance.isBefore(soonest) ? chance : soonest;
        }
        return soonest == null ? nextMinute : soonest;
    }

    private int mintedInTheLastMinute(String app, Instant now) {
        ArrayDeque<Instant> mints = appMints.get(app);
        if (mints == null) {
            return 0;
        }
        while (!mints.isEmpty() && !mints.peekFirst().isAfter(now.minusSeconds(60))) {
            mints.removeFirst();
        }
        return mints.size();
    }

    private static int used(Map<String, Usage> usage, String key, long minute) {
        Usage u = usage.get(key);
        return u == null || u.minute != minute ? 0 : u.used;
    }

    /** The app of an installation's budget key ({@code <appId>/<installationId>}), or null for {@link #UNPOOLED}. */
    private static String appOf(String installation) {
        int slash = installation.indexOf('/');
        return slash < 0 ? null : installation.substring(0, slash);
    }

    /** The observation still in force: after its reset instant GitHub has refilled the quota, so it says nothing more. */
    private RateLimitObservation current(String installation, Instant now) {
        RateLimitObservation observation = observations.get(installation);
        return observation == null || !observation.resetAt().isAfter(now) ? null : observation;
    }

    private static double headroom(RateLimitObservation observation, Instant now) {
        if (!observation.resetAt().isAfter(now)) {
            return 1.0;
        }
        return observation.limit() <= 0 ? 0.0 : (double) observation.remaining() / observation.limit();
    }

    /** One installation's pacing as the REST API shows it; the rate-limit fields are null when nothing is observed. */
    public record InstallationPacing(String installation, PacingMode mode, int budgetPerMinute, int usedThisMinute,
                                     Integer remaining, Integer limit, Instant resetAt) {
    }

    private static final class Usage {
        private long minute;
        private int used;

        void take(long currentMinute) {
            if (minute != currentMinute) {
                minute = currentMinute;
                used = 0;
            }
            used++;
        }
    }
}
