package dev.tokenwarden.scheduler.domain;

import dev.tokenwarden.events.InventoryEntry;
import java.util.Objects;

/** Which credentials a manual or emergency rotation covers. {@code value} is ignored for {@link Scope#ALL}. */
public record RotationSelector(Scope scope, String value) {
    public enum Scope {
        CREDENTIAL,
        TIER,
        REPOSITORY,
        CONSUMER,
        ALL
    }

    public RotationSelector {
        Objects.requireNonNull(scope, "scope");
        if (scope != Scope.ALL && (value == null || value.isBlank())) {
            throw new IllegalArgumentException("a " + scope.name().toLowerCase() + " selector needs a value");
        }
    }

    public boolean matches(InventoryEntry entry) {
        return switch (scope) {
            case CREDENTIAL -> entry.id().equals(value);
            case TIER -> entry.tier().equals(value);
            case REPOSITORY -> entry.repositories().contains(value);
            case CONSUMER -> entry.consumer().equals(value);
            case ALL -> true;
        };
    }
}
