package dev.tokenwarden.auditor.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    /** GitHub's documented test vector ("Validating webhook deliveries"). */
    private static final WebhookSignature GITHUB_EXAMPLE = new WebhookSignature("It's a Secret to Everybody");
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String EXPECTED = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void githubsTestVectorVerifies() {
        assertThat(GITHUB_EXAMPLE.sign(HELLO)).isEqualTo(EXPECTED);
        assertThat(GITHUB_EXAMPLE.verifies(HELLO, EXPECTED)).isTrue();
    }

    @Test
    void aMissingWrongOrOtherSecretsSignatureDoesNot() {
        assertThat(GITHUB_EXAMPLE.verifies(HELLO, null)).isFalse();
        assertThat(GITHUB_EXAMPLE.verifies(HELLO, EXPECTED.replace("sha256=7", "sha256=8"))).isFalse();
        assertThat(GITHUB_EXAMPLE.verifies("Hello, World?".getBytes(StandardCharsets.UTF_8), EXPECTED)).isFalse();
        assertThat(new WebhookSignature("another secret").verifies(HELLO, EXPECTED)).isFalse();
    }
}
