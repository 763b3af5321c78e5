package dev.tokenwarden.broker.domain;

/**
 * A port (Vault, GitHub, Kafka) could not do what was asked. {@code retryable} says whether the same
 * request may succeed later (a 5xx, a seal, a secondary limit) or needs a person (a policy denial, a
 * refused credential). Messages name paths, ids and status codes, never a credential value.
 */
public class BrokerFailure extends RuntimeException {
    private final boolean retryable;

    public BrokerFailure(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public BrokerFailure(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
