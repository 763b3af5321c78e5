package dev.tokenwarden.scheduler.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** The rotation id: SHA-256 of credential id and due instant (before jitter), so every replica and restart derives the same one. */
public final class RotationIds {
    private RotationIds() {
    }

    public static String of(String credentialId, Instant dueAt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((credentialId + "\n" + dueAt).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
