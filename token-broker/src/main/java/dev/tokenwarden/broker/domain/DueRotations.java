package dev.tokenwarden.broker.domain;

import dev.tokenwarden.events.AppInstallation;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.RotationDue;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/** Turns a {@code rotation.due} order into the right rotation for the credential's kind. */
public final class DueRotations {
    private final RotationEngine engine;
    private final PatIntake pats;
    private static final Logger LOG = Logger.getLogger(DueRotations.class.getName());

    private final UserTokenRefresh userTokens;
    private final CredentialMinter minter;
    private final Revoker revoker;
    private final RateLimits rateLimits;
    private final TierCatalogue tiers;
    private final Clock clock;

    public DueRotations(RotationEngine engine, PatIntake pats, UserTokenRefresh userTokens, CredentialMinter minter, Revoker revoker,
            RateLimits rateLimits, TierCatalogue tiers, Clock clock) {
        this.engine = engine;
        this.pats = pats;
        this.userTokens = userTokens;
        this.minter = minter;
        this.revoker = revoker;
        this.rateLimits = rateLimits;
        this.tiers = tiers;
        this.clock = clock;
    }

    public RotationResult handle(RotationDue due) {
        InventoryEntry entry = due.entry();
        RotationOrder order = new RotationOrder(due.rotationId(), CredentialTarget.of(entry), due.attempt(), due.reason());
        return switch (entry.kind()) {
            case APP_PRIVATE_KEY -> RotationResult.done(RotationResult.Outcome.TRACKED_ONLY, due.rotationId(), null);
            case CLASSIC_PAT, FINE_GRAINED_PAT -> awaitUpload(order);
            case APP_USER_TOKEN -> engine.rotate(order, due.dueAt(), userTokens.create(order, userTokenApp(entry)));
            case APP_INSTALLATION -> engine.rotate(order, due.dueAt(), new RotationEngine.Create() {
                @Override
                public MintedCredential create() {
                    return mint(entry, due.mintFrom());
                }

                @Override
                public boolean matches(SecretData stored) {
                    return true;
                }

                @Override
                public void discard(MintedCredential created) {
                    revokeUnstored(created);
                }
            });
        };
    }

    private RotationResult awaitUpload(RotationOrder order) {
        if (engine.finished(order)) {
            return RotationResult.done(RotationResult.Outcome.DUPLICATE, order.rotationId(), null);
        }
        pats.awaitUpload(order);
        return RotationResult.done(RotationResult.Outcome.AWAITING_UPLOAD, order.rotationId(), null);
    }

    /**
     * Best effort: when GitHub cannot be told either, the token dies by itself within its hour, and no
     * ledger entry may name it because no Vault version holds it.
     */
    private void revokeUnstored(MintedCredential created) {
        try {
            revoker.revoke(CredentialKind.APP_INSTALLATION, created.value(), Set.of(), created.mintedFrom());
        } catch (BrokerFailure unrevoked) {
            LOG.warning("could not revoke an unstored installation token (" + created.value() + "): "
                    + unrevoked.getMessage() + "; it expires at " + created.expiresAt());
        }
    }

    /** The one app of the pool: a user token renews only through the app the user authorised. */
    private static long userTokenApp(InventoryEntry entry) {
        if (entry.appPool().size() != 1) {
            throw new BrokerFailure("app-user-token " + entry.id() + " needs exactly one GitHub App in its app pool, the one its"
                    + " user authorised; it has " + entry.appPool().size(), false);
        }
        return entry.appPool().getFirst().appId();
    }

    private MintedCredential mint(InventoryEntry entry, AppInstallation pacedFor) {
        Map<String, String> permissions = tiers.policy(entry.tier())
                .installationPermissions(Boolean.TRUE.equals(entry.policyOverrides().workflowsWrite()));
        AppInstallation installation = rateLimits.choose(entry.appPool(), pacedFor, clock.instant());
        return minter.mint(installation, permissions, entry.repositories());
    }
}
