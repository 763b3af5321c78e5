package dev.tokenwarden.sandbox.vault;

import static dev.tokenwarden.sandbox.vault.VaultReply.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Service tokens with policies, a TTL measured on the server's clock, renewal up to a maximum, and revocation. */
final class TokenStore {
    /** Vault's default system maximum TTL (768 h = 32 days). */
    static final long SYSTEM_MAX_TTL = 768 * 3600;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    TokenStore(Clock clock) {
        this.clock = clock;
    }

    static final class Token {
        final String id;
        final String accessor = randomId(24);
        final List<String> policies;
        final long creationTtl;
        final long maxTtl;
        final boolean renewable;
        final Instant issued;
        final String path;
        final Map<String, String> metadata;
        Instant expires;

        Token(String id, List<String> policies, long ttl, long maxTtl, boolean renewable, Instant issued, String path,
                Map<String, String> metadata) {
            this.id = id;
            this.policies = policies;
            this.creationTtl = ttl;
            this.maxTtl = maxTtl;
            this.renewable = renewable;
            this.issued = issued;
            this.path = path;
            this.metadata = metadata;
            this.expires = ttl == 0 ? null : issued.plusSeconds(ttl);
        }

        boolean isRoot() {
            return policies.contains("root");
        }
    }

    static String randomId(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    void addRoot(String id) {
        tokens.put(id, new Token(id, List.of("root"), 0, 0, false, clock.instant(), "auth/token/root", Map.of()));
    }

    /** The live token with this id; an unknown, revoked or expired one is a 403, as in Vault. */
    Token authenticate(String id) {
        Token token = Optional.ofNullable(id).filter(s -> !s.isBlank()).map(tokens::get)
                .orElseThrow(VaultError::permissionDenied);
        if (token.expires != null && !clock.instant().isBefore(token.expires)) {
            tokens.remove(token.id);
            throw VaultError.permissionDenied();
        }
        return token;
    }

    Token issue(List<String> requested, boolean defaultPolicy, long ttl, long maxTtl, boolean renewable, String path,
            Map<String, String> metadata) {
        TreeSet<String> policies = new TreeSet<>(requested);
        if (defaultPolicy && !policies.contains("root")) {
            policies.add("default");
        }
        Token token = new Token("s." + randomId(24), List.copyOf(policies), ttl, maxTtl, renewable, clock.instant(), path,
                metadata);
        tokens.put(token.id, token);
        return token;
    }

    /** {@code auth/token/create}: a child's policies must be a subset of a non-root parent's. */
    VaultReply create(Token parent, JsonNode body) {
        List<String> requested = body.has("policies") ? strings(body.get("policies")) : parent.policies;
        if (!parent.isRoot() && !parent.policies.containsAll(requested.stream().filter(p -> !p.equals("default")).toList())) {
            throw VaultError.of(400, "child policies must be subset of parent");
        }
        boolean root = requested.contains("root");
        long ttl = Durations.seconds(body.get("ttl"), root ? 0 : SYSTEM_MAX_TTL);
        long maxTtl = Durations.seconds(body.get("explicit_max_ttl"), 0);
        boolean renewable = !body.has("renewable") || body.get("renewable").asBoolean();
        boolean defaultPolicy = !body.path("no_default_policy").asBoolean(false);
        Map<String, String> metadata = new java.util.LinkedHashMap<>();
        body.path("meta").properties().forEach(entry -> metadata.put(entry.getKey(), entry.getValue().asText()));
        return VaultReply.auth(authBlock(issue(requested, defaultPolicy, ttl, maxTtl, renewable, "auth/token/create", metadata)));
    }

    VaultReply lookupSelf(Token token) {
        Instant now = clock.instant();
        ObjectNode data = JSON.objectNode();
        data.put("accessor", token.accessor);
        data.put("creation_time", token.issued.getEpochSecond());
        data.put("creation_ttl", token.creationTtl);
        data.put("display_name", "token");
        data.put("entity_id", "");
        if (token.expires == null) {
            data.putNull("expire_time");
        } else {
            data.put("expire_time", token.expires.toString());
        }
        data.put("explicit_max_ttl", token.maxTtl);
        data.put("id", token.id);
        data.put("issue_time", token.issued.toString());
        data.set("meta", metadata(token));
        data.put("num_uses", 0);
        data.put("orphan", false);
        data.put("path", token.path);
        token.policies.forEach(data.putArray("policies")::add);
        data.put("renewable", token.renewable);
        data.put("ttl", remaining(token, now));
        data.put("type", "service");
        return VaultReply.data(data);
    }

    /** {@code auth/token/renew-self}: a new TTL from now (the increment, else the creation TTL), capped by the maximum. */
    VaultReply renewSelf(Token token, JsonNode body) {
        if (!token.renewable || token.expires == null) {
            throw VaultError.of(400, "lease is not renewable");
        }
        Instant now = clock.instant();
        long increment = Durations.seconds(body.get("increment"), token.creationTtl);
        Instant expires = now.plusSeconds(increment);
        Instant cap = token.issued.plusSeconds(token.maxTtl > 0 ? Math.min(token.maxTtl, SYSTEM_MAX_TTL) : SYSTEM_MAX_TTL);
        token.expires = expires.isAfter(cap) ? cap : expires;
        return VaultReply.auth(authBlock(token));
    }

    VaultReply revokeSelf(Token token) {
        tokens.remove(token.id);
        return VaultReply.noContent();
    }

    ObjectNode authBlock(Token token) {
        ObjectNode auth = JSON.objectNode();
        auth.put("client_token", token.id);
        auth.put("accessor", token.accessor);
        token.policies.forEach(auth.putArray("policies")::add);
        token.policies.forEach(auth.putArray("token_policies")::add);
        auth.set("metadata", metadata(token));
        auth.put("lease_duration", remaining(token, clock.instant()));
        auth.put("renewable", token.renewable);
        auth.put("entity_id", "");
        auth.put("token_type", "service");
        auth.put("orphan", false);
        auth.put("num_uses", 0);
        return auth;
    }

    private static JsonNode metadata(Token token) {
        if (token.metadata.isEmpty()) {
            return JSON.nullNode();
        }
        ObjectNode metadata = JSON.objectNode();
        token.metadata.forEach(metadata::put);
        return metadata;
    }

    private static long remaining(Token token, Instant now) {
        return token.expires == null ? 0 : Math.max(0, token.expires.getEpochSecond() - now.getEpochSecond());
    }

    /** A JSON array of strings or one comma-separated string, as Vault accepts for policy lists. */
    static List<String> strings(JsonNode value) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isArray()) {
            List<String> out = new java.util.ArrayList<>();
            value.forEach(item -> out.add(item.asText().trim()));
            return out.stream().filter(s -> !s.isEmpty()).toList();
        }
        return java.util.Arrays.stream(value.asText().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
