package dev.tokenwarden.platform.github;

import java.time.Instant;
import java.util.Optional;

/** A fine-grained PAT's access to an organisation ({@code /orgs/{org}/personal-access-tokens}); {@code id} is the pat_id. */
public record OrgPatGrant(long id, long tokenId, String tokenName, String owner, Optional<Instant> tokenExpiresAt) {
}
