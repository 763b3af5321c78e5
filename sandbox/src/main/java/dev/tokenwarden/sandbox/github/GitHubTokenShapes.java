package dev.tokenwarden.sandbox.github;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes credential values in GitHub's shapes at run time, so no token-shaped literal is ever committed:
 * {@code ghs_} + 36 characters (installation), the long JWT-like {@code ghs_} form GitHub is moving to,
 * {@code ghp_} + 36 (classic PAT), {@code github_pat_} + 22 + {@code _} + 59 (fine-grained PAT), {@code ghu_} + 36 (a GitHub
 * App's user access token), {@code ghr_} + 76 (its refresh token) and 40 hex characters (an app's client secret).
 */
public final class GitHubTokenShapes {
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String URL_SAFE = ALPHANUMERIC + "-_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private GitHubTokenShapes() {
    }

    public static String installationToken() {
        return "ghs_" + random(ALPHANUMERIC, 36);
    }

    /** About 520 characters: {@code ghs_} and three dot-separated base64url parts, like a JWT. */
    public static String longInstallationToken() {
        return "ghs_" + random(URL_SAFE, 36) + "." + random(URL_SAFE, 400) + "." + random(URL_SAFE, 78);
    }

    public static String classicPat() {
        return "ghp_" + random(ALPHANUMERIC, 36);
    }

    public static String fineGrainedPat() {
        return "github_pat_" + random(ALPHANUMERIC, 22) + "_" + random(ALPHANUMERIC, 59);
    }

    public static String userAccessToken() {
        return "ghu_" + random(ALPHANUMERIC, 36);
    }

    public static String refreshToken() {
        return "ghr_" + random(ALPHANUMERIC, 76);
    }

    public static String clientSecret() {
        return random("0123456789abcdef", 40);
    }

    /** How GitHub's audit log names a token ({@code hashed_token}): base64 of its SHA-256. */
    public static String hashedToken(String token) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    private static String random(String alphabet, int length) {
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return value.toString();
    }
}
