package dev.tokenwarden.platform.events;

/**
 * A record that can never be processed. Thrown from an {@code @Incoming} method it nacks the record, and
 * the channel's {@code dead-letter-queue} failure strategy moves it to the dead-letter topic with this
 * message in the {@code dead-letter-reason} header, while the consumer goes on with the next record.
 */
public class RejectedEventException extends RuntimeException {
    private final RejectReason reason;

    public RejectedEventException(RejectReason reason, String detail) {
        super(reason.code() + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
