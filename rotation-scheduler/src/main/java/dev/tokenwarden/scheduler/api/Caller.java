package dev.tokenwarden.scheduler.api;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** Who made a call, for operator.actions; until authentication is configured every caller is anonymous. */
record Caller(String principal, String role) {
    static Caller of(SecurityContext context) {
        Principal principal = context == null ? null : context.getUserPrincipal();
        if (principal == null) {
            return new Caller("anonymous", "none");
        }
        String role = context.isUserInRole("admin") ? "admin" : context.isUserInRole("operator") ? "operator" : "viewer";
        return new Caller(principal.getName(), role);
    }
}
