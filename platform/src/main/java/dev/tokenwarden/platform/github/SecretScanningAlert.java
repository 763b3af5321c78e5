package dev.tokenwarden.platform.github;

import java.time.Instant;

/**
 * A secret scanning alert. The leaked value is hashed the moment it is read ({@code secretSha256}, lower-case
 * hex) and never kept, so nothing downstream can log it.
 */
public record SecretScanningAlert(long number, String state, String secretType, String secretSha256, String htmlUrl, Instant createdAt) {
}
