package dev.tokenwarden.auditor.domain.finding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one shape every rule reports. {@code fingerprint} identifies the finding across edits that only move
 * it: SHA-256 of rule id, file and the whitespace-normalised snippet, not the line number.
 */
public record Finding(String ruleId, Severity severity, Confidence confidence, String message, String file,
                      int line, int column, String snippet, String remediation, String docsUrl, String fingerprint) {

    public static String fingerprint(String ruleId, String file, String snippet) {
        String normalised = snippet.strip().replaceAll("\\s+", " ");
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest((ruleId + "\n" + file + "\n" + normalised).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
