package dev.tokenwarden.broker.domain;

import dev.tokenwarden.broker.domain.RefreshGrant.State;
import java.time.Clock;
import java.util.Map;

/**
 * The create step of an {@code app-user-token} rotation: a GitHub App user's access token renewed with its refresh
 * token, which GitHub accepts once. Nothing may lose the pair GitHub answers with, so the grant at the broker's own
 * path moves through three check-and-set writes: marked {@link State#REFRESHING} before the call (which also proves
 * Vault writable), the answer stored {@link State#READY} under the rotation id before anything else, and only then does
 * the {@link RotationEngine} copy the access token to the path consumers read.
 *
 * <p>A redelivered order whose refresh is already stored takes the stored tokens and calls GitHub no more. A grant
 * found still {@code REFRESHING} means a refresh was cut off between the call and storing its answer (the broker
 * stopped, or Vault refused the write): the refresh token may be used up, so it is not presented again and
 * {@code user-token-reauthorise/<credential>} asks for the user to authorise the app again. So does a refresh token
 * GitHub refuses ({@code bad_refresh_token}).
 */
public final class UserTokenRefresh {
    private final RefreshGrants grants;
    private final UserTokenRefresher refresher;
    private final BrokerEvents events;
    private final Clock clock;

    public UserTokenRefresh(RefreshGrants grants, UserTokenRefresher refresher, BrokerEvents events, Clock clock) {
        this.grants = grants;
        this.refresher = refresher;
        this.events = events;
        this.clock = clock;
    }

    /** The create step for {@code order}, refreshing through the GitHub App {@code appId}. */
    public RotationEngine.Create create(RotationOrder order, long appId) {
        return new RotationEngine.Create() {
            @Override
            public MintedCredential create() {
                return refresh(order, appId);
            }

            @Override
            public boolean matches(SecretData stored) {
                return true;
            }

            @Override
            public void discard(MintedCredential created) {
                // Nothing to revoke: the tokens are kept READY in the grant, and a redelivery stores them without refreshing.
            }
        };
    }

    private MintedCredential refresh(RotationOrder order, long appId) {
        CredentialTarget target = order.target();
        String id = target.credentialId();
        String path = CredentialTarget.refreshGrantPath(id);
        RefreshGrants.Versioned held = grants.grant(id).orElseThrow(() -> reauthorise(target,
                "No refresh token of " + id + " is kept at " + path + ": authorise the app as its user and put the tokens there."));
        RefreshGrant grant = held.grant();
        if (grant.state() == State.READY && order.rotationId().equals(grant.rotationId())) {
            return minted(grant);
        }
        if (grant.state() == State.REFRESHING) {
            throw reauthorise(target, "Rotation " + grant.rotationId() + " of " + id + " presented its refresh token and did not store"
                    + " GitHub's answer at " + path + " (the broker stopped or Vault refused the write). GitHub may have used the"
                    + " token up, so it is not presented again: authorise the app as its user and put the new tokens there.");
        }
        long marked = grants.write(id, grant.refreshing(order.rotationId()), held.version());
        UserTokenRefresher.UserTokens fresh;
        try {
            fresh = refresher.refresh(appId, grant.refreshToken());
        } catch (UserTokenRefresher.Unanswered unanswered) {
            throw reauthorise(target, unanswered.getMessage() + "; GitHub may have used the refresh token of " + id
                    + " up, so it is not presented again: authorise the app as its user and put the new tokens at " + path + ".");
        } catch (UserTokenRefresher.Refused refused) {
            grants.write(id, grant, marked);
            if ("bad_refresh_token".equals(refused.error())) {
                throw reauthorise(target, refused.getMessage() + ": the refresh token of " + id + " is used up, revoked or expired;"
                        + " authorise the app as its user and put the new tokens at " + path + ".");
            }
            throw refused;
        } catch (BrokerFailure notSent) {
            grants.write(id, grant, marked);
            throw notSent;
        }
        RefreshGrant refreshed = new RefreshGrant(fresh.refreshToken(), fresh.refreshExpiresAt(), fresh.accessToken(),
                fresh.accessExpiresAt(), State.READY, order.rotationId());
        try {
            grants.write(id, refreshed, marked);
        } catch (BrokerFailure unstored) {
            throw reauthorise(target, "GitHub renewed the tokens of " + id + " but storing them at " + path + " failed ("
                    + unstored.getMessage() + "), and the refresh token used is spent: authorise the app as its user and put the"
                    + " new tokens there.");
        }
        if (grant.state() == State.AUTHORISED) {
            events.incident(Incidents.resolved(Incidents.USER_TOKEN_REAUTHORISE, target,
                    "The user token of " + target.credentialId() + " renews again after its authorisation", clock.instant()));
        }
        return minted(refreshed);
    }

    private static MintedCredential minted(RefreshGrant grant) {
        return new MintedCredential(grant.accessToken(), grant.accessExpiresAt(), Map.of());
    }

    private BrokerFailure reauthorise(CredentialTarget target, String reason) {
        events.incident(Incidents.userTokenReauthorise(target, reason, clock.instant()));
        return new BrokerFailure(reason, false);
    }
}
