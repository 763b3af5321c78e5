package dev.tokenwarden.broker.domain;

import java.time.Instant;

/**
 * A GitHub App user's tokens as the broker keeps them at its own Vault path: the single-use refresh token and the
 * access token it last gave, with their expiries. Consumers never read this; they read the access token at the
 * credential's usual path.
 *
 * @param rotationId the rotation that wrote it; null for a pair an operator put after an authorisation
 */
public record RefreshGrant(Secret refreshToken, Instant refreshExpiresAt, Secret accessToken, Instant accessExpiresAt, State state,
        String rotationId) {

    public enum State {
        /** Put by an operator after the user authorised the app (web or device flow). */
        AUTHORISED,
        /** Written by the broker right after GitHub answered a refresh. */
        READY,
        /**
         * Written just before the refresh call, with the refresh token about to be used: found again, it means a
         * refresh was under way when the broker stopped, and whether GitHub used the token up cannot be known.
         */
        REFRESHING
    }

    /** This grant marked as being refreshed by {@code rotation}. */
    public RefreshGrant refreshing(String rotation) {
        return new RefreshGrant(refreshToken, refreshExpiresAt, accessToken, accessExpiresAt, State.REFRESHING, rotation);
    }

    /** This grant as it was before a refresh that GitHub refused or never received. */
    public RefreshGrant restored(State before, String beforeRotation) {
        return new RefreshGrant(refreshToken, refreshExpiresAt, accessToken, accessExpiresAt, before, beforeRotation);
    }

    @Override
    public String toString() {
        return "RefreshGrant[state=" + state + ", rotation=" + rotationId + ", accessExpiresAt=" + accessExpiresAt
                + ", refreshExpiresAt=" + refreshExpiresAt + "]";
    }
}
