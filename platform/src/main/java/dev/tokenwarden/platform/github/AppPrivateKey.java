package dev.tokenwarden.platform.github;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * A GitHub App's RSA private key, read from the PEM GitHub hands out (PKCS#1, {@code BEGIN RSA PRIVATE KEY})
 * or its PKCS#8 form ({@code BEGIN PRIVATE KEY}). Neither the PEM nor the key ever appears in a message or
 * {@link #toString()}.
 */
public final class AppPrivateKey {
    private static final String PKCS1 = "RSA PRIVATE KEY";
    private static final String PKCS8 = "PRIVATE KEY";
    /** AlgorithmIdentifier { rsaEncryption, NULL }: what PKCS#8 puts in front of a PKCS#1 key. */
    private static final byte[] RSA_ALGORITHM_ID = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private final PrivateKey key;

    private AppPrivateKey(PrivateKey key) {
        this.key = key;
    }

    public static AppPrivateKey fromPem(String pem) {
        if (pem == null) {
            throw new IllegalArgumentException("no GitHub App private key given");
        }
        String type = pem.contains("-----BEGIN " + PKCS1 + "-----") ? PKCS1
                : pem.contains("-----BEGIN " + PKCS8 + "-----") ? PKCS8 : null;
        if (type == null) {
            throw new IllegalArgumentException("GitHub App private key is not a PEM RSA key (PKCS#1 or PKCS#8)");
        }
        int start = pem.indexOf("-----BEGIN " + type + "-----") + ("-----BEGIN " + type + "-----").length();
        int end = pem.indexOf("-----END " + type + "-----", start);
        if (end < 0) {
            throw new IllegalArgumentException("GitHub App private key PEM has no END line");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(start, end));
            byte[] pkcs8 = type.equals(PKCS1) ? wrapPkcs1(der) : der;
            return new AppPrivateKey(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // The cause is left out on purpose: parser messages may quote key material.
            throw new IllegalArgumentException("GitHub App private key PEM is not a valid RSA key (" + e.getClass().getSimpleName() + ")");
        }
    }

    PrivateKey key() {
        return key;
    }

    /** PrivateKeyInfo ::= SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING pkcs1 }. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] {0x02, 0x01, 0x00});
        content.writeBytes(RSA_ALGORITHM_ID);
        content.writeBytes(derElement(0x04, pkcs1));
        return derElement(0x30, content.toByteArray());
    }

    private static byte[] derElement(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "AppPrivateKey[<redacted>]";
    }
}
