package dev.tokenwarden.platform.security;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The roles, weakest first: each one may do everything the ones before it may. */
public enum Role {
    VIEWER(Roles.VIEWER),
    OPERATOR(Roles.OPERATOR),
    ADMIN(Roles.ADMIN);

    private final String id;

    Role(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** This role and every weaker one: what an identity holding it is granted. */
    public List<Role> implied() {
        return Arrays.stream(values()).filter(role -> role.compareTo(this) <= 0).toList();
    }

    public static Optional<Role> byId(String id) {
        return Arrays.stream(values()).filter(role -> role.id.equals(id)).findFirst();
    }

    /** The strongest tokenwarden role among {@code roleNames}; names that are not roles are ignored. */
    public static Optional<Role> strongestOf(Collection<String> roleNames) {
        return roleNames.stream().map(Role::byId).flatMap(Optional::stream).max(Comparator.naturalOrder());
    }
}
