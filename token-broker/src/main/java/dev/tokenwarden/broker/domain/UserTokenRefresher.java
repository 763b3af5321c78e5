package dev.tokenwarden.broker.domain;

import java.time.Instant;

/** Exchanges a GitHub App user's refresh token for a new access token and a new refresh token. */
public interface UserTokenRefresher {
    /** What GitHub answered; the refresh token given is used up. */
    record UserTokens(Secret accessToken, Instant accessExpiresAt, Secret refreshToken, Instant refreshExpiresAt) {
    }

    /**
     * One call, never retried: a retry after a lost answer would present a refresh token GitHub may have used up.
     *
     * @throws Refused when GitHub answered with an error, so the refresh token was not used
     * @throws Unanswered when the request may have reached GitHub but no answer was read
     * @throws BrokerFailure (retryable) when the request cannot have reached GitHub (no connection, no client secret)
     */
    UserTokens refresh(long appId, Secret refreshToken);

    /** GitHub refused the refresh ({@code bad_refresh_token}, {@code incorrect_client_credentials}, ...). */
    final class Refused extends BrokerFailure {
        private final String error;

        public Refused(String error, String description) {
            super("GitHub refused the refresh: " + error + (description == null ? "" : " (" + description + ")"), false);
            this.error = error;
        }

        public String error() {
            return error;
        }
    }

    /** The refresh was sent and its answer lost (a timeout, a reset connection, an unreadable body). */
    final class Unanswered extends BrokerFailure {
        public Unanswered(String message) {
            super(message, false);
        }
    }
}
