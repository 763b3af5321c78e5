package dev.tokenwarden.broker.domain;

import dev.tokenwarden.events.AppInstallation;
import dev.tokenwarden.events.CredentialKind;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A fake of the GitHub ports: tokens it minted or was told about are valid until revoked. */
final class FakeGitHub implements CredentialMinter, CredentialVerifier, Revoker, UserTokenRefresher {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Map<String, Verification> valid = new ConcurrentHashMap<>();
    final List<AppInstallation> mintedFrom = new ArrayList<>();
    final List<Map<String, String>> mintedPermissions = new ArrayList<>();
    final List<Secret> issued = new ArrayList<>();
    /** The installation each verification said its value was minted from ({@code unknown} when none). */
    final List<String> verifiedAs = Collections.synchronizedList(new ArrayList<>());
    final List<Secret> revoked = new ArrayList<>();
    /** Whose limits each revocation counted against: the installation's key, or "unknown". */
    final List<String> revokedAs = new ArrayList<>();
    int revokeFailuresLeft;
    int verifyFailuresLeft;

    FakeGitHub(Clock clock) {
        this.clock = clock;
    }

    static String randomToken(String prefix) {
        StringBuilder token = new StringBuilder(prefix);
        for (int i = 0; i < 40; i++) {
            token.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return token.toString();
    }

    /** A PAT its owner created in GitHub's UI. */
    Secret pat(String prefix, Instant expiresAt, Set<String> scopes) {
        Secret value = Secret.of(randomToken(prefix));
        valid.put(value.sha256(), new Verification(expiresAt, scopes));
        issued.add(value);
        return value;
    }

    @Override
    public synchronized MintedCredential mint(AppInstallation installation, Map<String, String> permissions, List<String> repositories) {
        Secret value = Secret.of(randomToken("ghs_"));
        Instant expiresAt = clock.instant().plus(Duration.ofHours(1));
        valid.put(value.sha256(), new Verification(expiresAt, null));
        mintedFrom.add(installation);
        mintedPermissions.add(permissions);
        issued.add(value);
        return new MintedCredential(value, expiresAt, permissions, installation);
    }

    @Override
    public Verification verify(CredentialKind kind, Secret value, AppInstallation mintedFrom) {
        verifiedAs.add(mintedFrom == null ? "unknown" : mintedFrom.key());
        if (verifyFailuresLeft > 0) {
            verifyFailuresLeft--;
            throw new BrokerFailure("GitHub answered 502 on GET /installation/repositories", true);
        }
        Verification verification = valid.get(value.sha256());
        if (verification == null) {
            throw new BrokerFailure("GitHub refused the credential (401 Bad credentials)", false);
        }
        return verification;
    }

    @Override
    public synchronized Outcome revoke(CredentialKind kind, Secret value, Set<String> organisations, AppInstallation mintedFrom) {
        if (revokeFailuresLeft > 0) {
            revokeFailuresLeft--;
            throw new BrokerFailure("GitHub answered 503 on DELETE /installation/token", true);
        }
        revoked.add(value);
        revokedAs.add(mintedFrom == null ? "unknown" : mintedFrom.key());
        return valid.remove(value.sha256()) == null ? Outcome.ALREADY_INVALID : Outcome.REVOKED;
    }

    int mints() {
        return mintedFrom.size();
    }

    /** The domain tests rotate no user token; the flow tests refresh through the simulator's OAuth endpoint. */
    @Override
    public UserTokens refresh(long appId, Secret refreshToken) {
        throw new Refused("bad_refresh_token", "no user token is issued in the domain tests");
    }
}
