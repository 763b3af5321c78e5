package dev.tokenwarden.broker.domain;

import static dev.tokenwarden.broker.domain.RotationResult.Outcome.DUPLICATE;
import static dev.tokenwarden.broker.domain.RotationResult.Outcome.RESUMED;
import static dev.tokenwarden.broker.domain.RotationResult.Outcome.ROTATED;

import dev.tokenwarden.events.AppInstallation;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.CredentialStatus;
import dev.tokenwarden.events.LedgerEntry;
import dev.tokenwarden.events.RotationFailed;
import dev.tokenwarden.events.RotationStep;
import dev.tokenwarden.events.TokenRotated;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The four-step rotation: create, store, test, finish, keyed by the rotation id.
 *
 * <p>Every stored (or resumed) value also gets the path's custom metadata ({@link SecretLabels}); a
 * failure there fails the store step and a redelivery writes it again.
 *
 * <p>The rotation id is written into the Vault data with the value, so a redelivered order whose value is
 * already current skips create and store (no second mint); an order whose rotation finished is a
 * duplicate and does nothing. Until finish, the previous value stays in the ledger as current and valid;
 * finish gives it a revoke-after at the end of the overlap window. A failure at any step publishes
 * {@code token.rotation-failed}, marks the credential failed and raises {@code rotation-failed/<id>};
 * when the new value fails its test, the previous value is written back as the current version.
 */
public final class RotationEngine {
    private final SecretStore store;
    private final CredentialVerifier verifier;
    private final Ledger ledger;
    private final CredentialStates states;
    private final BrokerEvents events;
    private final Clock clock;
    private final Duration overlap;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** How the create step obtains the new value. */
    public interface Create {
        MintedCredential create();

        /** Whether a value stored earlier under the same rotation id is the one this rotation creates. */
        boolean matches(SecretData stored);

        /** The created value could not be stored: it must not stay usable where nothing records it. */
        void discard(MintedCredential created);
    }

    public RotationEngine(SecretStore store, CredentialVerifier verifier, Ledger ledger, CredentialStates states,
            BrokerEvents events, Clock clock, Duration overlap) {
        this.store = store;
        this.verifier = verifier;
        this.ledger = ledger;
        this.states = states;
        this.events = events;
        this.clock = clock;
        this.overlap = overlap;
    }

    /** Whether this rotation id is the credential's last finished rotation. */
    public boolean finished(RotationOrder order) {
        return states.get(order.target().credentialId())
                .filter(s -> s.status() == CredentialStatus.HEALTHY && order.rotationId().equals(s.lastRotationId()))
                .isPresent();
    }

    public RotationResult rotate(RotationOrder order, Create create) {
        return rotate(order, null, create);
    }

    /**
     * As {@link #rotate(RotationOrder, Create)} for an order due at {@code dueAt}: when the credential has been rotated
     * successfully after that instant, the order is superseded and does nothing. That is the scheduler's own
     * confirmation rule, and what keeps an order redelivered after a crash (its offset not yet committed) from minting
     * again and putting an older rotation's value over a newer one.
     */
    public RotationResult rotate(RotationOrder order, Instant dueAt, Create create) {
        synchronized (locks.computeIfAbsent(order.target().credentialId(), id -> new Object())) {
            return rotateAlone(order, dueAt, create);
        }
    }

    private RotationResult rotateAlone(RotationOrder order, Instant dueAt, Create create) {
        Optional<CredentialState> before = states.get(order.target().credentialId());
        boolean superseded = dueAt != null && before
                .filter(s -> s.status() == CredentialStatus.HEALTHY && s.lastRotatedAt() != null && s.lastRotatedAt().isAfter(dueAt))
                .isPresent();
        if (finished(order) || superseded) {
            return RotationResult.done(DUPLICATE, order.rotationId(), before.map(CredentialState::vaultVersion).orElse(null));
        }
        String path = order.target().vaultPath();
        RotationStep step = RotationStep.CREATE;
        try {
            Optional<StoredSecret> current = store.current(path);
            boolean resumed = current
                    .filter(c -> order.rotationId().equals(c.data().rotationId()) && create.matches(c.data()))
                    .isPresent();
            StoredSecret ours;
            AppInstallation mintedFrom = null;
            if (resumed) {
                ours = current.get();
            } else {
                MintedCredential created = create.create();
                mintedFrom = created.mintedFrom();
                step = RotationStep.STORE;
                try {
                    ours = store(order, path, current, created);
                } catch (BrokerFailure failure) {
                    create.discard(created);
                    throw failure;
                }
            }
            step = RotationStep.STORE;
            store.describe(path, SecretLabels.of(order.target(), ours.data()));
            step = RotationStep.TEST;
            test(order, path, ours, mintedFrom);
            step = RotationStep.FINISH;
            finish(order, path, ours, before, mintedFrom);
            return RotationResult.done(resumed ? RESUMED : ROTATED, order.rotationId(), ours.version());
        } catch (BrokerFailure failure) {
            return fail(order, step, failure, before);
        }
    }

    private StoredSecret store(RotationOrder order, String path, Optional<StoredSecret> current, MintedCredential created) {
        current.ifPresent(previous -> rememberPrevious(order.target(), previous));
        CredentialTarget target = order.target();
        SecretData data = new SecretData(created.value(), created.expiresAt(), target.kind(), created.permissions(),
                target.repositories(), order.rotationId());
        long version = store.write(path, data, current.map(StoredSecret::version).orElse(0L));
        return new StoredSecret(version, data);
    }

    /** A value put in Vault by hand before the broker managed it still gets a ledger entry, so it can be revoked. */
    private void rememberPrevious(CredentialTarget target, StoredSecret previous) {
        SecretData data = previous.data();
        if (ledger.byHash(data.token().sha256()).isEmpty()) {
            ledger.record(issued(target, data, clock.instant(), null));
        }
    }

    private void test(RotationOrder order, String path, StoredSecret ours, AppInstallation mintedFrom) {
        StoredSecret readBack = store.current(path).orElseThrow(() ->
                new BrokerFailure("nothing readable at " + path + " after storing version " + ours.version(), true));
        if (readBack.version() != ours.version() || !readBack.data().token().equals(ours.data().token())
                || !order.rotationId().equals(readBack.data().rotationId())) {
            throw new BrokerFailure("the current version at " + path + " is " + readBack.version()
                    + ", not version " + ours.version() + " that this rotation stored", true);
        }
        try {
            verifier.verify(order.target().kind(), readBack.data().token(), mintedFrom);
        } catch (BrokerFailure failure) {
            putPreviousBack(order.target(), path, ours, failure, mintedFrom);
            throw failure;
        }
    }

    /** The untested value must not stay current: write the previous one back and revoke the new one soon. */
    private void putPreviousBack(CredentialTarget target, String path, StoredSecret ours, BrokerFailure cause, AppInstallation mintedFrom) {
        Instant now = clock.instant();
        try {
            ledger.record(Ledger.withRevokeAfter(ledger.byHash(ours.data().token().sha256())
                    .orElseGet(() -> issued(target, ours.data(), now, mintedFrom)), now));
            if (ours.version() > 1) {
                store.version(path, ours.version() - 1).ifPresent(previous -> {
                    store.write(path, previous.data(), ours.version());
                    store.describe(path, SecretLabels.of(target, previous.data()));
                });
            }
        } catch (BrokerFailure restoreFailure) {
            throw new BrokerFailure(cause.getMessage() + "; putting the previous version back also failed: "
                    + restoreFailure.getMessage(), true, cause);
        }
    }

    private void finish(RotationOrder order, String path, StoredSecret ours, Optional<CredentialState> before, AppInstallation mintedFrom) {
        Instant now = clock.instant();
        CredentialTarget target = order.target();
        SecretData data = ours.data();
        String hash = data.token().sha256();
        if (ledger.byHash(hash).isEmpty()) {
            ledger.record(issued(target, data, now, mintedFrom));
        }
        for (LedgerEntry older : ledger.current(target.credentialId())) {
            if (!older.valueHash().equals(hash)) {
                ledger.record(Ledger.withRevokeAfter(older, now.plus(overlap)));
            }
        }
        events.rotated(new TokenRotated(order.rotationId(), target.credentialId(), path, ours.version(), data.expiresAt(), hash, now));
        states.record(new CredentialState(target.credentialId(), CredentialStatus.HEALTHY, ours.version(), now,
                data.expiresAt(), order.rotationId(), now));
        if (before.map(CredentialState::status).orElse(null) == CredentialStatus.FAILED) {
            events.incident(Incidents.resolved(Incidents.ROTATION_FAILED, target,
                    "Rotation of " + target.credentialId() + " succeeded", now));
        }
    }

    private RotationResult fail(RotationOrder order, RotationStep step, BrokerFailure failure, Optional<CredentialState> before) {
        Instant now = clock.instant();
        CredentialTarget target = order.target();
        String reason = TokenShapes.redact(failure.getMessage());
        events.rotationFailed(new RotationFailed(order.rotationId(), target.credentialId(), step, reason,
                failure.retryable(), order.attempt(), now));
        states.record(new CredentialState(target.credentialId(), CredentialStatus.FAILED,
                before.map(CredentialState::vaultVersion).orElse(null),
                before.map(CredentialState::lastRotatedAt).orElse(null),
                before.map(CredentialState::expiresAt).orElse(null),
                before.map(CredentialState::lastRotationId).orElse(null), now));
        events.incident(Incidents.rotationFailed(target, step, reason, now));
        return new RotationResult(RotationResult.Outcome.FAILED, order.rotationId(), null, step, reason, failure.retryable());
    }

    /** @param mintedFrom the installation the value was minted from, when this rotation minted it; else null */
    static LedgerEntry issued(CredentialTarget target, SecretData data, Instant now, AppInstallation mintedFrom) {
        return new LedgerEntry(data.token().sha256(), target.credentialId(), target.kind(), target.tier(), target.consumer(),
                target.repositories(), now, data.expiresAt(), null, null, null, null, mintedFrom);
    }
}
