package dev.tokenwarden.platform.github;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A reviewed global security advisory and the packages (for {@code actions}: action repositories) it affects. */
public record Advisory(
        String ghsaId,
        Optional<String> cveId,
        String summary,
        String severity,
        Instant publishedAt,
        Optional<Instant> withdrawnAt,
        List<Vulnerability> vulnerabilities) {

    public Advisory {
        vulnerabilities = List.copyOf(vulnerabilities);
    }

    public record Vulnerability(String packageName, String vulnerableVersionRange, Optional<String> firstPatchedVersion) {
    }
}
