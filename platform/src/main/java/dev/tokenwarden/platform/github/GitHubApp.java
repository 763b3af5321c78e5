package dev.tokenwarden.platform.github;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * A GitHub App as the client authenticates it: its id, the JWT issuer (the app's client id, or its app id
 * as a string) and its private key.
 */
public record GitHubApp(long appId, String issuer, AppPrivateKey privateKey) {
    /** GitHub refuses an {@code exp} more than 10 minutes ahead; 9 leaves room for clock drift. */
    static final long LIFETIME_SECONDS = 9 * 60;
    /** {@code iat} 60 s in the past, as GitHub recommends against clock drift. */
    static final long BACKDATE_SECONDS = 60;

    public GitHubApp {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    public static GitHubApp of(long appId, String issuer, String privateKeyPem) {
        return new GitHubApp(appId, issuer, AppPrivateKey.fromPem(privateKeyPem));
    }

    /** A fresh app JWT (RS256) valid from a minute ago for nine minutes. */
    String jwt(Instant now) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = "{\"iat\":" + (now.getEpochSecond() - BACKDATE_SECONDS)
                + ",\"exp\":" + (now.getEpochSecond() + LIFETIME_SECONDS)
                + ",\"iss\":\"" + issuer.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        String signingInput = header + "." + encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey.key());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + encoder.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the JWT of GitHub App " + appId + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Rate limits of app-JWT calls are per app. */
    String rateKey() {
        return Long.toString(appId);
    }
}
