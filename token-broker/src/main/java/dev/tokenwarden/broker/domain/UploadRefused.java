package dev.tokenwarden.broker.domain;

import java.util.List;

/** An uploaded PAT the broker will not store; {@code problems} say why, without the value. */
public final class UploadRefused extends BrokerFailure {
    private final Reason reason;
    private final List<String> problems;

    public enum Reason {
        /** No rotation asked for this credential and the ledger has never seen it. */
        UNKNOWN_CREDENTIAL,
        /** The credential is not a PAT: the broker mints or only tracks it. */
        NOT_A_PAT,
        /** GitHub refused the value, or it does not fit the credential's kind or tier. */
        DOES_NOT_FIT
    }

    public UploadRefused(Reason reason, List<String> problems) {
        super(String.join("; ", problems), false);
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    public Reason reason() {
        return reason;
    }

    public List<String> problems() {
        return problems;
    }
}
