package dev.tokenwarden.console.domain;

/** How a credential stands, worst first: the overview lists the first three in red and amber. */
public enum Health {
    FAILING("failing"),
    OVERDUE("overdue"),
    EXPIRING("expiring soon"),
    ROTATING("rotating"),
    PENDING("awaiting first rotation"),
    HEALTHY("healthy"),
    REVOKED("revoked");

    private final String label;

    Health(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The CSS class and filter value. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean needsAttention() {
        return compareTo(EXPIRING) <= 0;
    }

    public static java.util.Optional<Health> byId(String id) {
        return java.util.Arrays.stream(values()).filter(h -> h.id().equals(id)).findFirst();
    }
}
