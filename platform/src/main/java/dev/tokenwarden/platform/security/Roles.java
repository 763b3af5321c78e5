package dev.tokenwarden.platform.security;

/** Role names as constants, for {@code @RolesAllowed(Roles.OPERATOR)}; {@link Role} orders them. */
public final class Roles {
    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
