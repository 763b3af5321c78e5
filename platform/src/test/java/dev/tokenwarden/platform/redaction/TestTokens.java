package dev.tokenwarden.platform.redaction;

import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Collectors;

/** Credential-shaped strings made at run time, so no token-shaped literal is ever committed. */
public final class TestTokens {
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestTokens() {
    }

    /** A token as GitHub or Vault would issue it, and the prefix the redactor keeps. */
    public record Sample(String shape, String prefix, String token) {
    }

    /** One token of every shape the redactor knows. */
    public static List<Sample> everyShape() {
        return List.of(
                new Sample("classic PAT", "ghp_", random("ghp_", ALPHANUMERIC, 36)),
                new Sample("OAuth token", "gho_", random("gho_", ALPHANUMERIC, 36)),
                new Sample("user-to-server token", "ghu_", random("ghu_", ALPHANUMERIC, 36)),
                new Sample("installation token", "ghs_", random("ghs_", ALPHANUMERIC, 36)),
                new Sample("installation token, JWT-style", "ghs_", jwtStyleInstallationToken()),
                new Sample("refresh token", "ghr_", random("ghr_", ALPHANUMERIC, 76)),
                new Sample("fine-grained PAT", "github_pat_", random("github_pat_", ALPHANUMERIC, 22) + random("_", ALPHANUMERIC, 59)),
                new Sample("Vault service token", "hvs.", random("hvs.", ALPHANUMERIC + "_-", 91)),
                new Sample("Vault legacy token", "s.", random("s.", ALPHANUMERIC, 24)));
    }

    public static List<String> all() {
        return everyShape().stream().map(Sample::token).toList();
    }

    /** The ~520 character form GitHub is moving installation tokens to: dot-separated segments. */
    static String jwtStyleInstallationToken() {
        return random("ghs_", ALPHANUMERIC, 36) + random(".", ALPHANUMERIC + "_", 300) + random(".", ALPHANUMERIC + "_", 180);
    }

    static String random(String prefix, String alphabet, int length) {
        return prefix + RANDOM.ints(length, 0, alphabet.length())
                .mapToObj(i -> String.valueOf(alphabet.charAt(i)))
                .collect(Collectors.joining());
    }
}
