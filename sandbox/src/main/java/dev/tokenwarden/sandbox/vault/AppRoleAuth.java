package dev.tokenwarden.sandbox.vault;

import static dev.tokenwarden.sandbox.vault.VaultReply.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** One AppRole auth mount: roles with token policies and TTLs, role ids, secret ids, and login. */
final class AppRoleAuth {
    private final Clock clock;
    private final TokenStore tokens;
    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    private final Map<String, SecretId> secretIds = new ConcurrentHashMap<>();

    AppRoleAuth(Clock clock, TokenStore tokens) {
        this.clock = clock;
        this.tokens = tokens;
    }

    private record Role(String name, String roleId, List<String> policies, long tokenTtl, long tokenMaxTtl, long secretIdTtl) {
    }

    private record SecretId(String role, Instant expires) {
    }

    boolean hasRole(String name) {
        return roles.containsKey(name);
    }

    /** Creates or updates a role; an update keeps the role id, as Vault does. */
    VaultReply writeRole(String name, JsonNode body) {
        Role existing = roles.get(name);
        List<String> policies = body.has("token_policies") ? TokenStore.strings(body.get("token_policies"))
                : body.has("policies") ? TokenStore.strings(body.get("policies"))
                : existing == null ? List.of() : existing.policies();
        roles.put(name, new Role(name,
                existing == null ? UUID.randomUUID().toString() : existing.roleId(),
                policies,
                Durations.seconds(body.get("token_ttl"), existing == null ? 0 : existing.tokenTtl()),
                Durations.seconds(body.get("token_max_ttl"), existing == null ? 0 : existing.tokenMaxTtl()),
                Durations.seconds(body.get("secret_id_ttl"), existing == null ? 0 : existing.secretIdTtl())));
        return VaultReply.noContent();
    }

    VaultReply readRole(String name) {
        Role role = role(name);
        ObjectNode data = JSON.objectNode();
        data.put("bind_secret_id", true);
        data.put("secret_id_ttl", role.secretIdTtl());
        role.policies().forEach(data.putArray("token_policies")::add);
        data.put("token_ttl", role.tokenTtl());
        data.put("token_max_ttl", role.tokenMaxTtl());
        return VaultReply.data(data);
    }

    VaultReply deleteRole(String name) {
        roles.remove(name);
        return VaultReply.noContent();
    }

    VaultReply readRoleId(String name) {
        ObjectNode data = JSON.objectNode();
        data.put("role_id", role(name).roleId());
        return VaultReply.data(data);
    }

    VaultReply writeRoleId(String name, JsonNode body) {
        Role role = role(name);
        String roleId = body.path("role_id").asText("");
        if (roleId.isBlank()) {
            throw VaultError.of(400, "missing role_id");
        }
        roles.put(name, new Role(name, roleId, role.policies(), role.tokenTtl(), role.tokenMaxTtl(), role.secretIdTtl()));
        return VaultReply.noContent();
    }

    VaultReply generateSecretId(String name) {
        Role role = role(name);
        String secretId = UUID.randomUUID().toString();
        Instant expires = role.secretIdTtl() == 0 ? null : clock.instant().plusSeconds(role.secretIdTtl());
        secretIds.put(secretId, new SecretId(name, expires));
        ObjectNode data = JSON.objectNode();
        data.put("secret_id", secretId);
        data.put("secret_id_accessor", UUID.randomUUID().toString());
        data.put("secret_id_num_uses", 0);
        data.put("secret_id_ttl", role.secretIdTtl());
        return VaultReply.data(data);
    }

    VaultReply login(String mountPath, JsonNode body) {
        String roleId = body.path("role_id").asText("");
        if (roleId.isBlank()) {
            throw VaultError.of(400, "missing role_id");
        }
        Role role = roles.values().stream().filter(r -> r.roleId().equals(roleId)).findFirst()
                .orElseThrow(() -> VaultError.of(400, "invalid role or secret ID"));
        SecretId secretId = secretIds.get(body.path("secret_id").asText(""));
        if (secretId == null || !secretId.role().equals(role.name())
                || (secretId.expires() != null && !clock.instant().isBefore(secretId.expires()))) {
            throw VaultError.of(400, "invalid role or secret ID");
        }
        long ttl = role.tokenTtl() == 0 ? TokenStore.SYSTEM_MAX_TTL : role.tokenTtl();
        TokenStore.Token token = tokens.issue(role.policies(), true, ttl, role.tokenMaxTtl(), true,
                "auth/" + mountPath + "login", Map.of("role_name", role.name()));
        return VaultReply.auth(tokens.authBlock(token));
    }

    private Role role(String name) {
        Role role = roles.get(name);
        if (role == null) {
            throw VaultError.notFound();
        }
        return role;
    }
}
