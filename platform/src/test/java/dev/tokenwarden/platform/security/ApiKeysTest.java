package dev.tokenwarden.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private record Configured(String keySha256, Role role) implements AuthConfig.ApiKey {
    }

    @Test
    void aConfiguredKeyIsItsPrincipalInItsRole() {
        ApiKeys keys = ApiKeys.of(Map.of(
                "ada", new Configured(ApiKeys.sha256Hex("ada's key"), Role.ADMIN),
                "vera", new Configured(ApiKeys.sha256Hex("vera's key"), Role.VIEWER)));

        assertThat(keys.match("ada's key")).contains(new Caller("ada", Role.ADMIN));
        assertThat(keys.match("vera's key")).contains(new Caller("vera", Role.VIEWER));
        assertThat(keys.match("someone else's key")).isEmpty();
        assertThat(keys.match("")).isEmpty();
    }

    @Test
    void aMalformedDigestIsRefusedAtStartNamingThePrincipal() {
        String notADigest = "ada's key in clear";

        assertThatThrownBy(() -> ApiKeys.of(Map.of("ada", new Configured(notADigest, Role.ADMIN))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"ada\"")
                .hasMessageNotContaining(notADigest);
    }
}
