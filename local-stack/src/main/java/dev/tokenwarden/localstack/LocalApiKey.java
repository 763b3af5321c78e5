package dev.tokenwarden.localstack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * One admin API key per local run, so a newcomer can call every REST endpoint. The services are told only
 * its SHA-256, as platform's API-key authentication expects; the key itself is printed once for the user.
 */
public final class LocalApiKey {
    static final String PRINCIPAL = "local";

    private LocalApiKey() {
    }

    public static String generate() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return "twlocal-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    public static Map<String, String> settings(String key) {
        return Map.of(
                "tokenwarden.auth.api-keys.\"" + PRINCIPAL + "\".key-sha256", sha256Hex(key),
                "tokenwarden.auth.api-keys.\"" + PRINCIPAL + "\".role", "admin");
    }

    private static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
