package dev.tokenwarden.scheduler.messaging;

/** Channel names; their topics, groups and failure strategies are in application.properties. */
public final class Channels {
    /** The whole inventory, read from the beginning by every replica: the catalogue REST and validation need all of it. */
    public static final String INVENTORY_IN = "inventory-in";
    /** The shared consumer group whose partition assignment decides which credentials this replica schedules. */
    public static final String INVENTORY_OWNERSHIP = "inventory-ownership";
    public static final String CREDENTIAL_STATE_IN = "credential-state-in";
    public static final String RATELIMIT_IN = "ratelimit-in";
    /** This service's own {@code rotation.due}, read back so that no replica or restart emits a rotation twice. */
    public static final String ROTATION_DUE_IN = "rotation-due-in";
    /** Manual and emergency requests taken by any replica; every replica reads them all and schedules what it owns. */
    public static final String ROTATION_REQUESTS_IN = "rotation-requests-in";

    public static final String INVENTORY_OUT = "inventory-out";
    public static final String ROTATION_DUE_OUT = "rotation-due-out";
    public static final String ROTATION_REQUESTS_OUT = "rotation-requests-out";

    private Channels() {
    }
}
