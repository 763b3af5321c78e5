package dev.tokenwarden.broker.domain;

import java.util.List;

/**
 * Where PAT rotations waiting for their owner's upload are kept beyond the process (Vault), so a restart
 * does not forget them: the scheduler re-emits an unconfirmed PAT rotation only after days. Holds the
 * order, never a value.
 */
public interface PendingUploads {
    /** Remembers {@code order}, replacing an earlier one of the same credential. */
    void save(RotationOrder order);

    /** Forgets {@code order} if it is still the one remembered for its credential. */
    void remove(RotationOrder order);

    /** Every order remembered. */
    List<RotationOrder> all();
}
