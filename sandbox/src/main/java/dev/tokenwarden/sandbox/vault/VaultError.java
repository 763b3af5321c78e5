package dev.tokenwarden.sandbox.vault;

import java.util.List;

/** A request the in-memory server refuses, answered the way Vault answers it. */
final class VaultError extends RuntimeException {
    private final transient VaultReply reply;

    private VaultError(VaultReply reply, String message) {
        super(message, null, false, false);
        this.reply = reply;
    }

    static VaultError of(int status, String message) {
        return new VaultError(VaultReply.errors(status, List.of(message)), message);
    }

    static VaultError permissionDenied() {
        return of(403, "permission denied");
    }

    /** Vault's 404 for a missing secret carries an empty error list. */
    static VaultError notFound() {
        return new VaultError(VaultReply.errors(404, List.of()), "not found");
    }

    /** A 404 that still carries a body, as KV v2 does for a deleted or destroyed version. */
    static VaultError notFoundWith(VaultReply reply) {
        return new VaultError(new VaultReply(404, reply.body()), "not found");
    }

    VaultReply reply() {
        return reply;
    }
}
