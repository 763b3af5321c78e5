package dev.tokenwarden.sandbox.github;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A GitHub App the simulator knows, with an RSA key pair generated at run time. Tests hand
 * {@link #privateKeyPem()} (PKCS#1, as GitHub's UI downloads it) or {@link #privateKeyPkcs8Pem()} to the client;
 * the simulator verifies app JWTs with the public half.
 */
public final class SimulatedApp {
    /** One key pair per app id per JVM: RSA generation costs ~0.2 s, and tests start many simulators. */
    private static final Map<Long, KeyPair> KEYS = new ConcurrentHashMap<>();

    private final long appId;
    private final String clientId;
    private final String slug;
    private final KeyPair keys;
    private final String clientSecret;

    SimulatedApp(long appId, String clientId, String slug) {
        this.appId = appId;
        this.clientId = clientId;
        this.slug = slug;
        this.keys = KEYS.computeIfAbsent(appId, id -> generateKeyPair());
        this.clientSecret = GitHubTokenShapes.clientSecret();
    }

    /** The app's client secret (40 hex characters, as GitHub generates them), asked for by the OAuth token endpoint. */
    public String clientSecret() {
        return clientSecret;
    }

    private static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is missing from this JVM", e);
        }
    }

    public long appId() {
        return appId;
    }

    /** GitHub's client id ({@code Iv23...}); GitHub accepts it or the app id as the JWT issuer. */
    public String clientId() {
        return clientId;
    }

    public String slug() {
        return slug;
    }

    /** PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), the form GitHub hands out. */
    public String privateKeyPem() {
        return pem("RSA PRIVATE KEY", pkcs1(keys.getPrivate().getEncoded()));
    }

    /** PKCS#8 ({@code BEGIN PRIVATE KEY}), the form {@code openssl pkcs8 -topk8} makes. */
    public String privateKeyPkcs8Pem() {
        return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
    }

    PublicKey publicKey() {
        return keys.getPublic();
    }

    /** PrivateKeyInfo ::= SEQUENCE { version, algorithm, OCTET STRING privateKey }: returns the OCTET STRING's content. */
    private static byte[] pkcs1(byte[] pkcs8) {
        int[] position = {0};
        enter(pkcs8, position, 0x30);
        skip(pkcs8, position, 0x02);
        skip(pkcs8, position, 0x30);
        int length = enter(pkcs8, position, 0x04);
        return Arrays.copyOfRange(pkcs8, position[0], position[0] + length);
    }

    private static int enter(byte[] der, int[] position, int tag) {
        if ((der[position[0]] & 0xff) != tag) {
            throw new IllegalStateException("unexpected DER tag in a generated key");
        }
        position[0]++;
        int first = der[position[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[position[0]++] & 0xff);
        }
        return length;
    }

    private static void skip(byte[] der, int[] position, int tag) {
        int length = enter(der, position, tag);
        position[0] += length;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
