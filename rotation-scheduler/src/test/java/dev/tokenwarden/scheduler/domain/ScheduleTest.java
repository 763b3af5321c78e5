package dev.tokenwarden.scheduler.domain;

import static dev.tokenwarden.scheduler.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tokenwarden.events.AppInstallation;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.PolicyOverrides;
import dev.tokenwarden.events.RateLimitObservation;
import dev.tokenwarden.events.RotationDue;
import dev.tokenwarden.events.RotationReason;
import dev.tokenwarden.events.RotationRequested;
import dev.tokenwarden.events.RotationScope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleTest {
    private final Schedule schedule = new Schedule(Fixtures.policy());

    ScheduleTest() {
        schedule.ownEverything();
    }

    @ParameterizedTest
    @CsvSource({"read,180", "write_packages,90", "workflow,60", "deployment,30"})
    void eachTierIsDueAfterItsPeriod(String tier, int days) {
        schedule.upsert(Fixtures.pat("p", tier), 0, T0);
        schedule.onState(Fixtures.rotated("p", T0, null, "r0"), T0);
        Instant due = T0.plus(Duration.ofDays(days));

        assertThat(schedule.pass(due.minusSeconds(1)).rotations()).isEmpty();
        List<RotationDue> emitted = schedule.pass(due).rotations();

        assertThat(emitted).singleElement().satisfies(r -> {
            assertThat(r.dueAt()).isEqualTo(due);
            assertThat(r.reason()).isEqualTo(RotationReason.SCHEDULED);
            assertThat(r.rotationId()).isEqualTo(RotationIds.of("p", due));
            assertThat(r.deadline()).isEqualTo(due.plus(Duration.ofDays(7)));
            assertThat(r.attempt()).isEqualTo(1);
            assertThat(r.entry().tier()).isEqualTo(tier);
        });
    }

    @Test
    void periodOverrideWins() {
        InventoryEntry entry = new InventoryEntry("p", CredentialKind.FINE_GRAINED_PAT, "read", "acme", "c", List.of(), List.of(), "o",
                new dev.tokenwarden.events.PolicyOverrides(Duration.ofDays(10), null, null));
        schedule.upsert(entry, 0, T0);
        schedule.onState(Fixtures.rotated("p", T0, null, "r0"), T0);
        assertThat(schedule.pass(T0.plus(Duration.ofDays(10))).rotations()).hasSize(1);
    }

    @Test
    void installationTokensAreReMintedAt45MinutesOfTheirHour() {
        schedule.upsert(Fixtures.installation("i", "read", 7), 0, T0);
        schedule.onState(Fixtures.rotated("i", T0, T0.plus(Duration.ofHours(1)), "r0"), T0);

        assertThat(schedule.pass(T0.plus(Duration.ofMinutes(44))).rotations()).isEmpty();
        RotationDue due = schedule.pass(T0.plus(Duration.ofMinutes(45))).rotations().getFirst();

        assertThat(due.dueAt()).isEqualTo(T0.plus(Duration.ofMinutes(45)));
        assertThat(due.deadline()).isEqualTo(T0.plus(Duration.ofMinutes(55)));
    }

    @Test
    void aNeverRotatedCredentialIsDueFromWhenItWasFirstSeen() {
        schedule.upsert(Fixtures.pat("new", "read"), 0, T0);
        RotationDue due = schedule.pass(T0).rotations().getFirst();
        assertThat(due.rotationId()).isEqualTo(RotationIds.of("new", T0));
    }

    /** The schedule keeps its own copy of each id; one that UTF-8 cannot carry (a lone surrogate) is still the same id. */
    @Test
    void anIdIsKeptExactlyEvenWhenUtf8CannotCarryIt() {
        String id = "pat-\uD800";
        schedule.upsert(Fixtures.pat(id, "read"), 0, T0);
        RotationDue due = schedule.pass(T0).rotations().getFirst();
        assertThat(due.credentialId()).isEqualTo(id);
        assertThat(due.rotationId()).isEqualTo(RotationIds.of(id, T0));
        assertThat(schedule.entry(id)).map(InventoryEntry::id).contains(id);
    }

    @Test
    void aPatIsDueAtTheEarlierOfItsPeriodAndExpiryMinusTheWarningLead() {
        schedule.upsert(Fixtures.pat("p", "write_packages"), 0, T0);
        Instant expires = T0.plus(Duration.ofDays(30));
        schedule.onState(Fixtures.rotated("p", T0, expires, "r0"), T0);

        RotationDue due = passUntilEmitted(T0, Duration.ofHours(1));

        assertThat(due.dueAt()).isEqualTo(expires.minus(Duration.ofDays(14)));
        assertThat(due.reason()).isEqualTo(RotationReason.EXPIRING);

        Schedule longLived = new Schedule(Fixtures.policy());
        longLived.ownEverything();
        longLived.upsert(Fixtures.pat("p", "write_packages"), 0, T0);
        longLived.onState(Fixtures.rotated("p", T0, T0.plus(Duration.ofDays(365)), "r0"), T0);
        assertThat(longLived.pass(T0.plus(Duration.ofDays(90))).rotations()).singleElement()
                .extracting(RotationDue::reason).isEqualTo(RotationReason.SCHEDULED);
    }

    @Test
    void jitterMovesEmissionEarlierWithinItsWindowAndKeepsTheRotationId() {
        Schedule jittered = new Schedule(Fixtures.policy(0.01, Fixtures.pacing()));
        jittered.ownEverything();
        Instant due = T0.plus(Duration.ofDays(180));
        List<Duration> earliness = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            jittered.upsert(Fixtures.pat("p" + i, "read"), 0, T0);
            jittered.onState(Fixtures.rotated("p" + i, T0, null, "r0"), T0);
        }
        Instant now = due.minus(Duration.ofHours(6));
        while (!now.isAfter(due)) {
            for (RotationDue r : jittered.pass(now).rotations()) {
                assertThat(r.dueAt()).isEqualTo(due);
                assertThat(r.rotationId()).isEqualTo(RotationIds.of(r.credentialId(), due));
                earliness.add(Duration.between(now, due));
            }
            now = now.plus(Duration.ofMinutes(10));
        }
        assertThat(earliness).hasSize(50).allMatch(d -> !d.isNegative() && d.compareTo(Duration.ofHours(6)) <= 0);
        assertThat(earliness.stream().distinct().count()).as("spread, not all at once").isGreaterThan(10);
    }

    @Test
    void monthsOfConfirmedRotationsRunOnTime() {
        schedule.upsert(Fixtures.pat("d", "deployment"), 0, T0);
        List<RotationDue> all = new ArrayList<>();
        for (Instant now = T0; now.isBefore(T0.plus(Duration.ofDays(365))); now = now.plus(Duration.ofHours(6))) {
            for (RotationDue r : schedule.pass(now).rotations()) {
                all.add(r);
                schedule.onState(Fixtures.rotated("d", now, null, r.rotationId()), now);
            }
        }
        assertThat(all).hasSize(13).allMatch(r -> r.attempt() == 1);
        for (int i = 1; i < all.size(); i++) {
            assertThat(Duration.between(all.get(i - 1).dueAt(), all.get(i).dueAt())).isEqualTo(Duration.ofDays(30));
        }
        assertThat(schedule.history("d")).as("bounded: the last 20 lines").hasSize(20)
                .last().satisfies(h -> assertThat(h.event()).isEqualTo(RotationRecord.Event.CONFIRMED));
    }

    @Test
    void warningsFireAt14And7And1DaysAndResolveWhenRotated() {
        InventoryEntry entry = new InventoryEntry("p", CredentialKind.FINE_GRAINED_PAT, "read", "acme", "c", List.of(), List.of(), "o",
                new dev.tokenwarden.events.PolicyOverrides(null, Duration.ofDays(3), null));
        schedule.upsert(entry, 0, T0);
        Instant expires = T0.plus(Duration.ofDays(60));
        schedule.onState(Fixtures.rotated("p", T0, expires, "r0"), T0);

        List<Incident> incidents = new ArrayList<>();
        for (Instant now = T0; now.isBefore(expires); now = now.plus(Duration.ofHours(1))) {
            incidents.addAll(schedule.pass(now).incidents());
        }
        assertThat(incidents).extracting(Incident::incidentKey).containsExactly(
                "credential-expiring/p/14d", "credential-expiring/p/7d", "credential-expiring/p/1d");
        assertThat(incidents).extracting(Incident::firstSeen).containsExactly(
                expires.minus(Duration.ofDays(14)), expires.minus(Duration.ofDays(7)), expires.minus(Duration.ofDays(1)));
        assertThat(incidents).allMatch(i -> i.status() == IncidentStatus.FIRING && "p".equals(i.labels().get("credential")));

        List<Incident> resolved = schedule.onState(Fixtures.rotated("p", expires, expires.plus(Duration.ofDays(60)), "r1"), expires);
        assertThat(resolved).extracting(Incident::incidentKey).containsExactlyInAnyOrder(
                "credential-expiring/p/14d", "credential-expiring/p/7d", "credential-expiring/p/1d");
        assertThat(resolved).allMatch(i -> i.status() == IncidentStatus.RESOLVED);
    }

    /**
     * Warnings raised before a restart leave no trace in the restarted schedule; the rotation that follows still
     * resolves them, whether credential.state reports it after the first pass, before it, or before the entry is read.
     */
    @ParameterizedTest
    @CsvSource({"true,false", "false,false", "false,true"})
    void warningsRaisedBeforeARestartAreResolvedWhenTheCredentialIsRotatedAfterIt(boolean passFirst, boolean stateBeforeEntry) {
        InventoryEntry entry = Fixtures.pat("p", "read");
        Instant expires = T0.plus(Duration.ofDays(60));
        schedule.upsert(entry, 0, T0);
        schedule.onState(Fixtures.rotated("p", T0, expires, "r0"), T0);
        Instant warnedAt = expires.minus(Duration.ofDays(6));
        assertThat(schedule.pass(warnedAt).incidents()).extracting(Incident::incidentKey).containsExactly("credential-expiring/p/7d");

        Schedule restarted = new Schedule(Fixtures.policy());
        restarted.ownEverything();
        Instant rotatedAt = warnedAt.plus(Duration.ofDays(2));
        List<Incident> resolved = new ArrayList<>();
        if (!stateBeforeEntry) {
            restarted.upsert(entry, 0, T0);
        }
        resolved.addAll(restarted.onState(Fixtures.rotated("p", T0, expires, "r0"), warnedAt));
        if (passFirst) {
            resolved.addAll(restarted.pass(warnedAt.plusSeconds(1)).incidents());
            resolved.clear();
        }
        resolved.addAll(restarted.onState(Fixtures.rotated("p", rotatedAt, rotatedAt.plus(Duration.ofDays(60)), "r1"), rotatedAt));
        if (stateBeforeEntry) {
            assertThat(resolved).isEmpty();
            resolved.addAll(restarted.upsert(entry, 0, T0));
        }

        assertThat(resolved).extracting(Incident::incidentKey).containsExactlyInAnyOrder("credential-expiring/p/14d", "credential-expiring/p/7d");
        assertThat(resolved).allMatch(i -> i.status() == IncidentStatus.RESOLVED);
        assertThat(restarted.pass(rotatedAt.plusSeconds(1)).incidents()).as("nothing left firing for the new expiry").isEmpty();
    }

    @Test
    void anInstallationTokensHourlyNewExpiryResolvesNoWarning() {
        schedule.upsert(Fixtures.installation("i", "read", 7), 0, T0);
        schedule.onState(Fixtures.rotated("i", T0, T0.plus(Duration.ofHours(1)), "r0"), T0);
        Instant next = T0.plus(Duration.ofMinutes(50));
        assertThat(schedule.onState(Fixtures.rotated("i", next, next.plus(Duration.ofHours(1)), "r1"), next)).isEmpty();
    }

    @Test
    void anUnconfirmedRotationIsRetriedWithBackoffThenRaisedAsOverdueAndResolvedWhenConfirmed() {
        schedule.upsert(Fixtures.installation("i", "deployment", 7), 0, T0);
        schedule.onState(Fixtures.rotated("i", T0, T0.plus(Duration.ofHours(1)), "r0"), T0);
        Instant due = T0.plus(Duration.ofMinutes(45));
        RotationDue first = schedule.pass(due).rotations().getFirst();

        assertThat(schedule.pass(first.deadline().minusMillis(1)).rotations()).isEmpty();
        RotationDue second = schedule.pass(first.deadline()).rotations().getFirst();
        assertThat(second.rotationId()).isEqualTo(first.rotationId());
        assertThat(second.reason()).isEqualTo(RotationReason.RETRY);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(Duration.between(first.deadline(), second.deadline())).isEqualTo(Duration.ofMinutes(20));

        RotationDue third = schedule.pass(second.deadline()).rotations().getFirst();
        assertThat(third.attempt()).isEqualTo(3);
        assertThat(Duration.between(second.deadline(), third.deadline())).isEqualTo(Duration.ofMinutes(40));

        PassResult overdue = schedule.pass(third.deadline());
        assertThat(overdue.rotations()).isEmpty();
        assertThat(overdue.incidents()).singleElement().satisfies(i -> {
            assertThat(i.incidentKey()).isEqualTo("rotation-overdue/i");
            assertThat(i.status()).isEqualTo(IncidentStatus.FIRING);
            assertThat(i.firstSeen()).isEqualTo(third.deadline());
        });
        assertThat(schedule.pass(third.deadline().plus(Duration.ofDays(1))).incidents()).as("raised once").isEmpty();
        assertThat(schedule.overdue("deployment")).isEqualTo(1);
        assertThat(schedule.overdue("read")).isZero();

        Instant confirmedAt = third.deadline().plus(Duration.ofDays(1));
        List<Incident> resolved = schedule.onState(Fixtures.rotated("i", confirmedAt, confirmedAt.plus(Duration.ofHours(1)), first.rotationId()), confirmedAt);
        assertThat(resolved).singleElement().satisfies(i -> {
            assertThat(i.incidentKey()).isEqualTo("rotation-overdue/i");
            assertThat(i.status()).isEqualTo(IncidentStatus.RESOLVED);
        });
        assertThat(schedule.overdue("deployment")).isZero();
        assertThat(schedule.history("i")).extracting(RotationRecord::event).containsExactly(
                RotationRecord.Event.EMITTED, RotationRecord.Event.EMITTED, RotationRecord.Event.EMITTED,
                RotationRecord.Event.OVERDUE, RotationRecord.Event.CONFIRMED);
    }

    @Test
    void aRebuiltScheduleThatReadsBackItsEmissionsEmitsNothingTwice() {
        schedule.upsert(Fixtures.pat("a", "read"), 0, T0);
        schedule.upsert(Fixtures.installation("b", "read", 7), 1, T0);
        List<RotationDue> before = schedule.pass(T0).rotations();
        assertThat(before).hasSize(2);

        Schedule restarted = new Schedule(Fixtures.policy());
        restarted.ownEverything();
        restarted.upsert(Fixtures.pat("a", "read"), 0, T0);
        restarted.upsert(Fixtures.installation("b", "read", 7), 1, T0);
        before.forEach(r -> restarted.onEmitted(r, T0));

        assertThat(restarted.pass(T0.plus(Duration.ofMinutes(5))).rotations()).isEmpty();
        assertThat(restarted.pass(T0.plus(Duration.ofMinutes(10))).rotations())
                .as("the installation token's deadline passed: a retry of the same rotation, not a new one")
                .singleElement().satisfies(r -> {
                    assertThat(r.credentialId()).isEqualTo("b");
                    assertThat(r.attempt()).isEqualTo(2);
                    assertThat(r.rotationId()).isEqualTo(RotationIds.of("b", T0));
                });
    }

    @Test
    void onlyOwnedPartitionsAreScheduledAndARevokedPartitionIsDropped() {
        Schedule partitioned = overTwoPartitions("a", "b");
        partitioned.assign(List.of(1), 2);
        assertThat(partitioned.pass(T0).rotations()).extracting(RotationDue::credentialId).containsExactly("b");
        partitioned.revoke(List.of(1));
        partitioned.assign(List.of(0), 2);
        assertThat(partitioned.pass(T0).rotations()).extracting(RotationDue::credentialId).containsExactly("a");
        assertThat(partitioned.entries()).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource({"CREDENTIAL,w1,w1", "TIER,deployment,d1 d2", "REPOSITORY,acme/w1,w1", "CONSUMER,team-read,r1", "ALL,,d1 d2 r1 w1"})
    void emergencyRotationBySelector(RotationScope scope, String value, String expected) {
        for (InventoryEntry e : List.of(Fixtures.pat("d1", "deployment"), Fixtures.pat("d2", "deployment"), Fixtures.pat("r1", "read"),
                Fixtures.pat("w1", "workflow"))) {
            schedule.upsert(e, 0, T0);
            schedule.onState(Fixtures.rotated(e.id(), T0, null, "r0"), T0);
        }
        Instant now = T0.plus(Duration.ofDays(3));
        assertThat(schedule.matching(new RotationSelector(scope, value))).containsExactly(expected.split(" "));
        schedule.onRequested(new RotationRequested("req-1", scope, value, RotationReason.EMERGENCY, "alice", now));

        List<RotationDue> emitted = schedule.pass(now).rotations();
        assertThat(emitted).extracting(RotationDue::credentialId).containsExactlyInAnyOrder(expected.split(" "));
        assertThat(emitted).allSatisfy(r -> {
            assertThat(r.reason()).isEqualTo(RotationReason.EMERGENCY);
            assertThat(r.requestedBy()).isEqualTo("alice");
            assertThat(r.rotationId()).isEqualTo(RotationIds.of(r.credentialId(), now));
        });
    }

    /** A replica that restarts reads every request again: what was emitted or rotated since is not asked again. */
    @Test
    void aRequestReadAgainAfterARestartSchedulesOnlyWhatWasNotYetEmitted() {
        List<InventoryEntry> entries = List.of(Fixtures.pat("emitted", "read"), Fixtures.pat("rotated", "read"), Fixtures.pat("waiting", "read"));
        for (InventoryEntry e : entries) {
            schedule.upsert(e, 0, T0);
            schedule.onState(Fixtures.rotated(e.id(), T0, null, "r0"), T0);
        }
        Instant at = T0.plus(Duration.ofDays(1));
        RotationRequested request = new RotationRequested("req-2", RotationScope.TIER, "read", RotationReason.MANUAL, "bob", at);
        RotationDue emitted = new RotationDue(RotationIds.of("emitted", at), "emitted", at, at.plus(Duration.ofDays(7)), RotationReason.MANUAL, 1,
                "bob", entries.getFirst());

        Schedule restarted = new Schedule(Fixtures.policy());
        restarted.assign(List.of(0), 1);
        restarted.onRequested(request);
        for (InventoryEntry e : entries) {
            restarted.upsert(e, 0, T0);
            restarted.onState(Fixtures.rotated(e.id(), T0, null, "r0"), T0);
        }
        restarted.onEmitted(emitted, at);
        restarted.onState(Fixtures.rotated("rotated", at.plusSeconds(5), null, "other"), at);

        assertThat(restarted.pass(at.plusSeconds(10)).rotations()).singleElement().satisfies(r -> {
            assertThat(r.credentialId()).isEqualTo("waiting");
            assertThat(r.reason()).isEqualTo(RotationReason.MANUAL);
            assertThat(r.rotationId()).isEqualTo(RotationIds.of("waiting", at));
        });
        restarted.onRequested(request);
        assertThat(restarted.pass(at.plusSeconds(20)).rotations()).as("read a second time: nothing new").isEmpty();
    }

    @Test
    void aRequestMarksCredentialsOfPartitionsOwnedLaterToo() {
        Schedule partitioned = overTwoPartitions("mine", "theirs");
        partitioned.assign(List.of(0), 2);
        partitioned.pass(T0);
        Instant at = T0.plus(Duration.ofMinutes(1));
        partitioned.onRequested(new RotationRequested("req-3", RotationScope.ALL, null, RotationReason.EMERGENCY, "carol", at));

        assertThat(partitioned.pass(at).rotations()).extracting(RotationDue::credentialId).containsExactly("mine");
        partitioned.assign(List.of(1), 2);
        assertThat(partitioned.pass(at.plusSeconds(1)).rotations()).singleElement().satisfies(r -> {
            assertThat(r.credentialId()).isEqualTo("theirs");
            assertThat(r.reason()).isEqualTo(RotationReason.EMERGENCY);
        });
    }

    @Test
    void pacingFollowsHeadroomDownAndBackUp() {
        Schedule paced = new Schedule(Fixtures.policy());
        paced.ownEverything();
        for (int i = 0; i < 200; i++) {
            paced.upsert(Fixtures.installation(String.format("i%03d", i), "read", 7), 0, T0);
        }
        String key = Fixtures.APP + "/7";
        Instant reset = T0.plus(Duration.ofMinutes(60));

        paced.onRateLimit(new RateLimitObservation(key, "core", 5000, 4500, reset, null, T0), T0);
        assertThat(pacingOf(paced, key, T0).mode()).isEqualTo(PacingMode.AGGRESSIVE);
        PassResult aggressive = paced.pass(T0);
        assertThat(aggressive.rotations()).hasSize(22);
        assertThat(aggressive.deferred()).isEqualTo(178);

        Instant minute2 = T0.plus(Duration.ofMinutes(1));
        paced.onRateLimit(new RateLimitObservation(key, "core", 5000, 2500, reset, null, minute2), minute2);
        assertThat(pacingOf(paced, key, minute2).mode()).isEqualTo(PacingMode.NORMAL);
        assertThat(paced.pass(minute2).rotations()).hasSize(7);

        Instant minute3 = T0.plus(Duration.ofMinutes(2));
        Optional<Incident> warning = paced.onRateLimit(new RateLimitObservation(key, "core", 5000, 400, reset, null, minute3), minute3);
        assertThat(pacingOf(paced, key, minute3).mode()).isEqualTo(PacingMode.CONSERVATIVE);
        assertThat(warning).hasValueSatisfying(i -> {
            assertThat(i.incidentKey()).isEqualTo("rate-limit-low/" + key);
            assertThat(i.status()).isEqualTo(IncidentStatus.FIRING);
        });
        assertThat(paced.pass(minute3).rotations()).hasSize(1);

        Instant minute4 = T0.plus(Duration.ofMinutes(3));
        paced.onRateLimit(new RateLimitObservation(key, "core", 5000, 1, reset, minute4.plusSeconds(120), minute4), minute4);
        assertThat(paced.pass(minute4).rotations()).as("secondary limit: nothing").isEmpty();

        Instant afterReset = reset.plusSeconds(1);
        assertThat(paced.onRateLimit(new RateLimitObservation(key, "core", 5000, 5000, afterReset.plus(Duration.ofHours(1)), null, afterReset),
                afterReset)).hasValueSatisfying(i -> assertThat(i.status()).isEqualTo(IncidentStatus.RESOLVED));
        assertThat(pacingOf(paced, key, afterReset).mode()).isEqualTo(PacingMode.AGGRESSIVE);
        assertThat(paced.pass(afterReset).rotations()).hasSize(25);
    }

    @Test
    void anAppsInstallationsShareItsMintsPerMinuteAndASecondaryLimitSeenOnOneHoldsForAll() {
        Schedule paced = threeHundredOnTenInstallationsOfAnAppAllowing100();
        assertThat(paced.pass(T0).rotations()).as("ten installations of 30 a minute each, of one app allowing 100").hasSize(100);
        assertThat(paced.preview(new RotationSelector(RotationScope.TIER, "read"), T0, 1000).unplanned())
                .as("the preview plans the other 200 within the app's budget too").isZero();

        Instant minute2 = T0.plus(Duration.ofMinutes(1));
        paced.onRateLimit(new RateLimitObservation(Fixtures.APP + "/3", "core", 5000, 4000, minute2.plus(Duration.ofMinutes(30)),
                minute2.plusSeconds(90), minute2), minute2);
        assertThat(paced.pass(minute2).rotations()).as("GitHub's secondary limit, seen on installation 3, holds for the app").isEmpty();

        assertThat(paced.pass(T0.plus(Duration.ofMinutes(3))).rotations()).hasSize(100);
    }

    @Test
    void theHourlyQuotaOrASecondaryLimitOfTheAppsOwnCallsBoundsAllItsInstallations() {
        Schedule paced = threeHundredOnTenInstallationsOfAnAppAllowing100();
        String app = Long.toString(Fixtures.APP);
        paced.onRateLimit(new RateLimitObservation(app, "core", 5000, 40, T0.plus(Duration.ofMinutes(20)), null, T0), T0);
        assertThat(paced.pass(T0).rotations()).as("40 left of the app's hour: 40 now, not spread over the 20 minutes")
                .hasSize(40);
        assertThat(pacingOf(paced, app, T0).budgetPerMinute()).isEqualTo(40);

        Instant minute2 = T0.plus(Duration.ofMinutes(1));
        paced.onRateLimit(new RateLimitObservation(app, "core", 5000, 0, T0.plus(Duration.ofMinutes(20)), null, minute2), minute2);
        assertThat(paced.pass(minute2).rotations()).as("the app's hour spent: no installation of it mints").isEmpty();

        Instant afterReset = T0.plus(Duration.ofMinutes(21));
        paced.onRateLimit(new RateLimitObservation(app, "core", 5000, 5000, afterReset.plus(Duration.ofMinutes(30)),
                afterReset.plusSeconds(90), afterReset), afterReset);
        assertThat(paced.pass(afterReset).rotations()).as("a secondary limit on the app's own calls holds all its installations")
                .isEmpty();
        assertThat(paced.pass(afterReset.plus(Duration.ofMinutes(2))).rotations()).hasSize(100);
    }

    @Test
    void replicasTakeTheirPartitionsShareOfAnAppsMintsSoTogetherTheyKeepItsBudget() {
        List<Schedule> replicas = new ArrayList<>();
        for (int replica = 0; replica < 3; replica++) {
            Schedule schedule = new Schedule(Fixtures.policy(0.0, new PacingPolicy(0.2, 0.8, 0.1, 0.25, 0.5, 0.9, 3, 60, 30, 100)));
            for (int i = 0; i < 300; i++) {
                schedule.upsert(Fixtures.installation(String.format("c%03d", i), "read", 1 + i % 10), i % 3, T0);
            }
            schedule.assign(List.of(replica), 3);
            replicas.add(schedule);
        }
        List<Integer> emitted = replicas.stream().map(schedule -> schedule.pass(T0).rotations().size()).toList();
        assertThat(emitted).as("a third of 100 each, rounded down").containsExactly(33, 33, 33);

        Schedule alone = replicas.getFirst();
        alone.assign(List.of(1, 2), 3);
        assertThat(alone.pass(T0.plus(Duration.ofMinutes(2))).rotations()).as("the others' partitions taken over: the whole budget")
                .hasSize(100);
    }

    private static Schedule threeHundredOnTenInstallationsOfAnAppAllowing100() {
        Schedule paced = new Schedule(Fixtures.policy(0.0, new PacingPolicy(0.2, 0.8, 0.1, 0.25, 0.5, 0.9, 3, 60, 30, 100)));
        paced.ownEverything();
        for (int i = 0; i < 300; i++) {
            paced.upsert(Fixtures.installation(String.format("c%03d", i), "read", 1 + i % 10), 0, T0);
        }
        return paced;
    }

    @Test
    void eachOrderNamesTheInstallationWhoseBudgetItTook() {
        Schedule paced = new Schedule(Fixtures.policy(0.0, new PacingPolicy(0.2, 0.8, 0.1, 0.25, 0.5, 0.9, 3, 60, 30, 100)));
        paced.ownEverything();
        long otherApp = Fixtures.APP + 1;
        for (int i = 0; i < 150; i++) {
            paced.upsert(new InventoryEntry(String.format("c%03d", i), CredentialKind.APP_INSTALLATION, "read", "acme", "ci", List.of("acme/api"),
                    List.of(new AppInstallation(Fixtures.APP, 10L + i % 10), new AppInstallation(otherApp, 20L + i % 10)), "platform@acme.test",
                    PolicyOverrides.NONE), 0, T0);
        }
        List<RotationDue> orders = paced.pass(T0).rotations();
        assertThat(orders).hasSize(150);
        assertThat(orders).allSatisfy(order -> assertThat(order.entry().appPool()).contains(order.mintFrom()));
        assertThat(orders.stream().collect(Collectors.groupingBy(order -> order.mintFrom().appId(), Collectors.counting())))
                .as("150 mints over two apps of 100 a minute each").containsOnlyKeys(Fixtures.APP, otherApp)
                .allSatisfy((app, mints) -> assertThat(mints).isLessThanOrEqualTo(100L));
    }

    @Test
    void anAppsMintsAreCountedOverASlidingMinuteNotACalendarOne() {
        Schedule paced = threeHundredOnTenInstallationsOfAnAppAllowing100();
        Instant lateInTheMinute = T0.plusSeconds(50);
        assertThat(paced.pass(lateInTheMinute).rotations()).hasSize(100);
        assertThat(paced.pass(lateInTheMinute.plusSeconds(15)).rotations())
                .as("a new calendar minute, but GitHub would count these within sixty seconds of the first 100").isEmpty();
        assertThat(paced.pass(lateInTheMinute.plusSeconds(60)).rotations()).hasSize(100);
    }

    @Test
    void aPreviewPlansEachMintFromThePoolsBudgetMinuteByMinute() {
        Schedule paced = pacedInstallations(60);
        String key = Fixtures.APP + "/7";

        RotationPreview preview = paced.preview(new RotationSelector(RotationScope.TIER, "read"), T0, 1000);

        assertThat(preview.credentials()).isEqualTo(60);
        assertThat(preview.unplanned()).isZero();
        assertThat(preview.installations()).singleElement().satisfies(load -> {
            assertThat(load.installation()).isEqualTo(key);
            assertThat(load.rotations()).isEqualTo(60);
            assertThat(load.budgetPerMinute()).isEqualTo(22);
            assertThat(load.mode()).isEqualTo(PacingMode.AGGRESSIVE);
        });
        assertThat(preview.rotations()).extracting(RotationPreview.PlannedRotation::estimatedAt)
                .containsOnly(T0, T0.plusSeconds(60), T0.plusSeconds(120));
        assertThat(preview.rotations().stream().filter(r -> r.estimatedAt().equals(T0))).hasSize(22);
        assertThat(preview.lastEmissionAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(preview.rotations()).allSatisfy(r -> {
            assertThat(r.installation()).isEqualTo(key);
            assertThat(r.ownedHere()).isTrue();
        });
        assertThat(paced.preview(new RotationSelector(RotationScope.TIER, "read"), T0, 5).rotations()).hasSize(5);
    }

    @Test
    void aPreviewTakesNoBudgetAndMarksNothing() {
        Schedule previewed = pacedInstallations(30);
        Schedule untouched = pacedInstallations(30);
        previewed.preview(new RotationSelector(RotationScope.ALL, null), T0, 1000);

        assertThat(pacingOf(previewed, Fixtures.APP + "/7", T0).usedThisMinute()).isZero();
        assertThat(previewed.pass(T0).rotations()).extracting(RotationDue::credentialId)
                .containsExactlyElementsOf(untouched.pass(T0).rotations().stream().map(RotationDue::credentialId).toList());
        assertThat(previewed.upcoming(T0.plus(Duration.ofDays(1)), 100)).extracting(Upcoming::status)
                .doesNotContain(Upcoming.Status.REQUESTED);
    }

    @Test
    void aPreviewSpreadsOverThePoolAndSaysWhatFindsNoBudget() {
        Schedule paced = new Schedule(Fixtures.policy());
        paced.ownEverything();
        InventoryEntry twoInstallations = new InventoryEntry("pooled", CredentialKind.APP_INSTALLATION, "read", "acme", "ci",
                List.of("acme/api"), List.of(new AppInstallation(Fixtures.APP, 7L),
                new AppInstallation(Fixtures.APP, 8L)), "platform@acme.test", PolicyOverrides.NONE);
        paced.upsert(twoInstallations, 0, T0);
        long otherApp = Fixtures.APP + 1;
        paced.upsert(new InventoryEntry("blocked", CredentialKind.APP_INSTALLATION, "deployment", "acme", "ci", List.of("acme/api"),
                List.of(new AppInstallation(otherApp, 9L)), "platform@acme.test", PolicyOverrides.NONE), 0, T0);
        Instant farAway = T0.plus(Duration.ofDays(8));
        paced.onRateLimit(new RateLimitObservation(Fixtures.APP + "/7", "core", 5000, 500, T0.plusSeconds(3600), null, T0), T0);
        paced.onRateLimit(new RateLimitObservation(otherApp + "/9", "core", 5000, 0, farAway, farAway, T0), T0);

        RotationPreview preview = paced.preview(new RotationSelector(RotationScope.ALL, null), T0, 1000);

        assertThat(preview.unplanned()).isEqualTo(1);
        assertThat(preview.rotations()).extracting(RotationPreview.PlannedRotation::credentialId, RotationPreview.PlannedRotation::installation)
                .containsExactly(tuple("pooled", Fixtures.APP + "/8"),
                        tuple("blocked", null));
    }

    /** A schedule owning {@code count} read-tier installation tokens of installation 7, observed with 4,500 of 5,000 calls left. */
    private static Schedule pacedInstallations(int count) {
        Schedule paced = new Schedule(Fixtures.policy());
        paced.ownEverything();
        for (int i = 0; i < count; i++) {
            paced.upsert(Fixtures.installation(String.format("i%03d", i), "read", 7), 0, T0);
        }
        paced.onRateLimit(new RateLimitObservation(Fixtures.APP + "/7", "core", 5000, 4500, T0.plus(Duration.ofMinutes(60)), null, T0), T0);
        return paced;
    }

    @Test
    void upcomingListsTheQueueInOrder() {
        schedule.upsert(Fixtures.pat("later", "read"), 0, T0);
        schedule.onState(Fixtures.rotated("later", T0, null, "r0"), T0);
        schedule.upsert(Fixtures.pat("sooner", "deployment"), 0, T0);
        schedule.onState(Fixtures.rotated("sooner", T0, null, "r0"), T0);

        assertThat(schedule.upcoming(T0.plus(Duration.ofDays(31)), 10)).extracting(Upcoming::credentialId).containsExactly("sooner");
        assertThat(schedule.upcoming(T0.plus(Duration.ofDays(181)), 10)).extracting(Upcoming::credentialId).containsExactly("sooner", "later");
        assertThat(schedule.upcoming(T0.plus(Duration.ofDays(181)), 10).getFirst().status()).isEqualTo(Upcoming.Status.SCHEDULED);
    }

    /** A schedule owning nothing yet, with one read-tier PAT in partition 0 and one in partition 1. */
    private static Schedule overTwoPartitions(String inZero, String inOne) {
        Schedule partitioned = new Schedule(Fixtures.policy());
        partitioned.upsert(Fixtures.pat(inZero, "read"), 0, T0);
        partitioned.upsert(Fixtures.pat(inOne, "read"), 1, T0);
        return partitioned;
    }

    private RotationDue passUntilEmitted(Instant from, Duration step) {
        for (Instant now = from; now.isBefore(from.plus(Duration.ofDays(400))); now = now.plus(step)) {
            List<RotationDue> emitted = schedule.pass(now).rotations();
            if (!emitted.isEmpty()) {
                return emitted.getFirst();
            }
        }
        throw new AssertionError("nothing emitted");
    }

    private static Pacing.InstallationPacing pacingOf(Schedule schedule, String key, Instant now) {
        return schedule.pacing(now).stream().filter(p -> p.installation().equals(key)).findFirst().orElseThrow();
    }
}
