package dev.tokenwarden.broker.infra.vault;

/** What a check-and-set write did: wrote a new version, or found the path at another version than expected. */
public sealed interface WriteOutcome {
    /** The new version, which is the expected version plus one. */
    record Written(long version) implements WriteOutcome {
    }

    /** Someone wrote first: the expected version was not current, and nothing was written. */
    record CasConflict(long expectedVersion) implements WriteOutcome {
    }
}
