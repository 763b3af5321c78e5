package dev.tokenwarden.scheduler.domain;

import java.util.List;
import java.util.stream.Collectors;

/** An inventory change refused as a whole; nothing of it was applied. */
public class InventoryRejectedException extends RuntimeException {
    private final List<Violation> violations;

    public InventoryRejectedException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")), null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
