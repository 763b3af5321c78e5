package dev.tokenwarden.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured API keys, known by their SHA-256 only; plain Java so it is tested without Quarkus. */
public final class ApiKeys {
    private final List<Known> keys;

    private record Known(String principal, byte[] sha256, Role role) {
    }

    private ApiKeys(List<Known> keys) {
        this.keys = keys;
    }

    /** Refuses a malformed digest at start, naming the principal, so a typo is not a silently dead key. */
    public static ApiKeys of(Map<String, AuthConfig.ApiKey> configured) {
        return new ApiKeys(configured.entrySet().stream().map(entry -> {
            String digest = entry.getValue().keySha256();
            if (!digest.matches("[0-9a-f]{64}")) {
                throw new IllegalStateException("tokenwarden.auth.api-keys.\"" + entry.getKey()
                        + "\".key-sha256 must be a SHA-256 digest in lower-case hex");
            }
            return new Known(entry.getKey(), HexFormat.of().parseHex(digest), entry.getValue().role());
        }).toList());
    }

    /** The caller whose key this is; every configured key is compared, in constant time each. */
    public Optional<Caller> match(String presentedKey) {
        byte[] presented = sha256(presentedKey);
        Optional<Caller> found = Optional.empty();
        for (Known key : keys) {
            if (MessageDigest.isEqual(presented, key.sha256())) {
                found = Optional.of(new Caller(key.principal(), key.role()));
            }
        }
        return found;
    }

    /** What {@code key-sha256} holds for {@code key}. */
    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
