package dev.tokenwarden.broker.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A credential value. It prints as its hash only, so a value passed to a log call, a message or an
 * exception by mistake still does not leak; {@link #reveal()} is for the one call that needs it.
 */
public final class Secret {
    private final String value;
    private final String sha256;

    private Secret(String value) {
        this.value = value;
        this.sha256 = sha256Hex(value);
    }

    public static Secret of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a credential value must not be empty");
        }
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    /** SHA-256 of the value in lower-case hex: the ledger's key and the only form events carry. */
    public String sha256() {
        return sha256;
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && s.sha256.equals(sha256);
    }

    @Override
    public int hashCode() {
        return sha256.hashCode();
    }

    @Override
    public String toString() {
        return "Secret[sha256=" + sha256 + "]";
    }
}
