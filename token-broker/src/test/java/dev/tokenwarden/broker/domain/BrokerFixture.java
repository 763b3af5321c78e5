package dev.tokenwarden.broker.domain;

import dev.tokenwarden.sandbox.github.ManualClock;
import dev.tokenwarden.events.AppInstallation;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.LedgerEntry;
import dev.tokenwarden.events.PolicyOverrides;
import dev.tokenwarden.events.RotationDue;
import dev.tokenwarden.events.RotationReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The broker's domain wired to fakes of its ports; {@link #restarted()} rebuilds it from the events, as a restart does. */
final class BrokerFixture {
    static final Duration OVERLAP = Duration.ofMinutes(10);
    static final TierCatalogue TIERS = new TierCatalogue(Map.of(
            "read", new TierPolicy("read", Map.of("contents", "read", "metadata", "read", "statuses", "read"), Map.of(),
                    Set.of("repo:status", "public_repo", "read:packages"), Duration.ofDays(180)),
            "write_packages", new TierPolicy("write_packages", Map.of(), Map.of(), Set.of("write:packages"), Duration.ofDays(90)),
            "workflow", new TierPolicy("workflow", Map.of("contents", "read", "metadata", "read", "actions", "write"),
                    Map.of("workflows", "write"), Set.of("repo", "workflow"), Duration.ofDays(60))));

    final ManualClock clock;
    final InMemorySecretStore store;
    final FakeGitHub github;
    final RecordingEvents events;
    final Ledger ledger;
    final CredentialStates states;
    final RateLimits rateLimits = new RateLimits();
    final RotationEngine engine;
    final PatIntake pats;
    final DueRotations due;
    final Revocations revocations;

    BrokerFixture() {
        this(new ManualClock(Instant.parse("2026-11-22T10:00:00Z")), new InMemorySecretStore(), null, new RecordingEvents());
    }

    private BrokerFixture(ManualClock clock, InMemorySecretStore store, FakeGitHub github, RecordingEvents events) {
        this.clock = clock;
        this.store = store;
        this.github = github == null ? new FakeGitHub(clock) : github;
        this.events = events;
        this.ledger = new Ledger(events);
        this.states = new CredentialStates(events);
        this.engine = new RotationEngine(store, this.github, ledger, states, events, clock, OVERLAP);
        this.pats = new PatIntake(engine, this.github, TIERS, ledger, clock, store);
        this.due = new DueRotations(engine, pats, new UserTokenRefresh(store, this.github, events, clock), this.github, this.github,
                rateLimits, TIERS, clock);
        this.revocations = new Revocations(store, this.github, ledger, states, events, clock, 10, 3);
    }

    /** A new broker process over the same Vault, GitHub and topics, its books rebuilt from the compacted topics. */
    BrokerFixture restarted() {
        BrokerFixture next = new BrokerFixture(clock, store, github, events);
        events.of(LedgerEntry.class).forEach(next.ledger::apply);
        events.of(CredentialState.class).forEach(next.states::apply);
        return next;
    }

    static InventoryEntry appEntry(String id, String tier, List<AppInstallation> pool, boolean workflowsWrite) {
        return new InventoryEntry(id, CredentialKind.APP_INSTALLATION, tier, "acme", "team-a", List.of("api", "web"),
                pool, "owner@acme.test", new PolicyOverrides(null, null, workflowsWrite));
    }

    static InventoryEntry entry(String id, CredentialKind kind, String tier) {
        return new InventoryEntry(id, kind, tier, "acme", "team-a", List.of("api"),
                List.of(new AppInstallation(1L, 11L)), "owner@acme.test", null);
    }

    RotationDue dueFor(InventoryEntry entry, String rotationId, int attempt) {
        return dueFor(entry, rotationId, attempt, null);
    }

    /** An order naming {@code mintFrom} as the installation the scheduler's pacing took budget from. */
    RotationDue dueFor(InventoryEntry entry, String rotationId, int attempt, AppInstallation mintFrom) {
        return new RotationDue(rotationId, entry.id(), clock.instant(), clock.instant().plus(Duration.ofMinutes(30)),
                attempt == 1 ? RotationReason.SCHEDULED : RotationReason.RETRY, attempt, "rotation-scheduler", entry, mintFrom);
    }
}
