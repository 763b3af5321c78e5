package dev.tokenwarden.broker.domain;

import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.LedgerEntry;
import dev.tokenwarden.events.RotationReason;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Assisted PAT rotation. GitHub cannot create a PAT, so a due PAT rotation waits here until its owner
 * uploads the new value; the upload is checked against GitHub and the tier, then stored, tested and
 * finished by the {@link RotationEngine} like a minted value. Waiting orders are written through to
 * {@link PendingUploads} and read back on first use after a start; an order whose rotation has finished
 * meanwhile no longer counts as waiting.
 */
public final class PatIntake {
    private static final Logger LOG = Logger.getLogger(PatIntake.class.getName());
    private static final String CLASSIC_PREFIX = "ghp_";
    private static final String FINE_GRAINED_PREFIX = "github_pat_";

    private final RotationEngine engine;
    private final CredentialVerifier verifier;
    private final TierCatalogue tiers;
    private final Ledger ledger;
    private final Clock clock;
    private final PendingUploads pending;
    private final Map<String, RotationOrder> awaiting = new ConcurrentHashMap<>();
    private volatile boolean restored;

    public PatIntake(RotationEngine engine, CredentialVerifier verifier, TierCatalogue tiers, Ledger ledger, Clock clock,
            PendingUploads pending) {
        this.engine = engine;
        this.verifier = verifier;
        this.tiers = tiers;
        this.ledger = ledger;
        this.clock = clock;
        this.pending = pending;
    }

    /**
     * Waits for the upload. When the order cannot be kept in {@link PendingUploads} it still waits in this
     * process, as before there was a store: only a restart before the upload forgets it then.
     */
    public void awaitUpload(RotationOrder order) {
        restore();
        awaiting.put(order.target().credentialId(), order);
        try {
            pending.save(order);
        } catch (BrokerFailure failure) {
            LOG.warning("rotation " + order.rotationId() + " of " + order.target().credentialId() + " waits for its upload in"
                    + " this process only; a restart before the upload forgets it until the scheduler re-emits it: "
                    + failure.getMessage());
        }
    }

    public Set<String> awaitingIds() {
        restore();
        return Set.copyOf(awaiting.keySet());
    }

    public Optional<RotationOrder> awaiting(String credentialId) {
        restore();
        return Optional.ofNullable(awaiting.get(credentialId)).filter(order -> !engine.finished(order));
    }

    /** The orders kept before this process started; tried again on the next use while the store cannot be read. */
    private void restore() {
        if (restored) {
            return;
        }
        synchronized (this) {
            if (restored) {
                return;
            }
            try {
                pending.all().forEach(order -> awaiting.putIfAbsent(order.target().credentialId(), order));
                restored = true;
            } catch (BrokerFailure failure) {
                LOG.warning("the PAT rotations waiting for an upload before this start cannot be read yet: " + failure.getMessage());
            }
        }
    }

    /**
     * Validates {@code value} for {@code credentialId} and rotates to it.
     *
     * @throws UploadRefused when the credential is unknown, not a PAT, or the value does not fit
     * @throws BrokerFailure (retryable) when GitHub could not be asked
     */
    public RotationResult upload(String credentialId, Secret value) {
        RotationOrder order = awaiting(credentialId).orElseGet(() -> fromLedger(credentialId, value));
        CredentialTarget target = order.target();
        if (!target.kind().isPat()) {
            throw new UploadRefused(UploadRefused.Reason.NOT_A_PAT, List.of("credential " + credentialId + " is "
                    + target.kind().name().toLowerCase().replace('_', '-') + "; only PAT values are uploaded"));
        }
        CredentialVerifier.Verification verification = check(target, value);
        RotationResult result = engine.rotate(order, new RotationEngine.Create() {
            @Override
            public MintedCredential create() {
                return new MintedCredential(value, verification.expiresAt(), Map.of());
            }

            @Override
            public boolean matches(SecretData stored) {
                return stored.token().equals(value);
            }

            @Override
            public void discard(MintedCredential created) {
                // The owner still holds the value and may upload it again; the old one stays current meanwhile.
            }
        });
        if (result.succeeded()) {
            awaiting.remove(credentialId, order);
            forget(order);
        }
        return result;
    }

    /** A kept order that outlives its rotation is harmless: {@link #awaiting} skips finished rotations. */
    private void forget(RotationOrder order) {
        try {
            pending.remove(order);
        } catch (BrokerFailure failure) {
            LOG.warning("rotation " + order.rotationId() + " of " + order.target().credentialId()
                    + " finished, but its pending upload was not removed: " + failure.getMessage());
        }
    }

    /** An upload nobody asked for (an owner rotating early): the rotation id is derived from the value's hash. */
    private RotationOrder fromLedger(String credentialId, Secret value) {
        LedgerEntry known = ledger.forCredential(credentialId).stream().findFirst().orElseThrow(() ->
                new UploadRefused(UploadRefused.Reason.UNKNOWN_CREDENTIAL, List.of("credential " + credentialId
                        + " has no pending rotation and was never issued; the scheduler must ask for it first")));
        String rotationId = "upload-" + Secret.sha256Hex(credentialId + ":" + value.sha256()).substring(0, 32);
        return new RotationOrder(rotationId, CredentialTarget.of(known), 1, RotationReason.MANUAL);
    }

    private CredentialVerifier.Verification check(CredentialTarget target, Secret value) {
        boolean classic = target.kind() == CredentialKind.CLASSIC_PAT;
        String prefix = classic ? CLASSIC_PREFIX : FINE_GRAINED_PREFIX;
        if (!value.reveal().startsWith(prefix)) {
            throw new UploadRefused(UploadRefused.Reason.DOES_NOT_FIT, List.of("credential " + target.credentialId()
                    + " is a " + (classic ? "classic" : "fine-grained") + " PAT, whose values start with " + prefix));
        }
        TierPolicy policy = tiers.policy(target.tier());
        CredentialVerifier.Verification verification;
        try {
            verification = verifier.verify(target.kind(), value, null);
        } catch (BrokerFailure failure) {
            if (failure.retryable()) {
                throw failure;
            }
            throw new UploadRefused(UploadRefused.Reason.DOES_NOT_FIT, List.of(TokenShapes.redact(failure.getMessage())));
        }
        List<String> problems = new ArrayList<>(policy.patProblems(classic, verification, clock.instant()));
        if (!problems.isEmpty()) {
            throw new UploadRefused(UploadRefused.Reason.DOES_NOT_FIT, problems);
        }
        return verification;
    }
}
