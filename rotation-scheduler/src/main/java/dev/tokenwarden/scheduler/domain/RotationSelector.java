package dev.tokenwarden.scheduler.domain;

import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.RotationRequested;
import dev.tokenwarden.events.RotationScope;
import java.util.Objects;

/** Which credentials a manual or emergency rotation covers. {@code value} is ignored for {@link RotationScope#ALL}. */
public record RotationSelector(RotationScope scope, String value) {
    public RotationSelector {
        Objects.requireNonNull(scope, "scope");
        if (scope != RotationScope.ALL && (value == null || value.isBlank())) {
            throw new IllegalArgumentException("a " + scope.name().toLowerCase() + " selector needs a value");
        }
    }

    public static RotationSelector of(RotationRequested request) {
        return new RotationSelector(request.scope(), request.value());
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
