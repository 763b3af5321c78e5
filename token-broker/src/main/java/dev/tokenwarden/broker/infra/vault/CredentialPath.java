package dev.tokenwarden.broker.infra.vault;

import java.util.regex.Pattern;

/**
 * Where one credential lives in the KV mount: {@code github/<tier>/<consumer>/<credential-id>}. Each part
 * is one safe path segment, so no input can reach another tier's or consumer's path.
 */
public record CredentialPath(String tier, String consumer, String credentialId) {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public CredentialPath {
        check("tier", tier);
        check("consumer", consumer);
        check("credential id", credentialId);
    }

    private static void check(String what, String value) {
        if (value == null || !SEGMENT.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException(what + " must be 1-128 characters of letters, digits, '.', '_' or '-'"
                    + " starting with a letter or digit, got '" + value + "'");
        }
    }

    /** The path inside the mount. */
    public String relative() {
        return "github/" + tier + "/" + consumer + "/" + credentialId;
    }

    @Override
    public String toString() {
        return relative();
    }
}
