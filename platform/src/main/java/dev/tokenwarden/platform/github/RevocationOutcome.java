package dev.tokenwarden.platform.github;

/** How a revocation ended; both mean the credential no longer works. */
public enum RevocationOutcome {
    REVOKED,
    /** GitHub no longer knew the credential (expired or revoked before): nothing left to do. */
    ALREADY_INVALID
}
