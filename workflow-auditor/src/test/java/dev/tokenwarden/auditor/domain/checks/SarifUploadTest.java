package dev.tokenwarden.auditor.domain.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class SarifUploadTest {

    @Test
    void theSarifIsGzippedThenBase64() throws IOException {
        byte[] sarif = "{\"version\":\"2.1.0\",\"runs\":[]}".getBytes(StandardCharsets.UTF_8);
        String encoded = SarifUpload.encode(sarif, 0);
        assertThat(encoded).matches("[A-Za-z0-9+/=]+");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(encoded)))) {
            assertThat(in.readAllBytes()).isEqualTo(sarif);
        }
    }

    @Test
    void whatGitHubWouldRefuseIsRefusedWithTheLimitNamed() {
        assertThatThrownBy(() -> SarifUpload.encode(new byte[2], 25_001)).hasMessageContaining("25001 results").hasMessageContaining("25000");
        byte[] incompressible = new byte[SarifUpload.MAX_GZIP_BYTES + 1024];
        new Random(7).nextBytes(incompressible);
        assertThatThrownBy(() -> SarifUpload.encode(incompressible, 1)).hasMessageContaining("gzip'd").hasMessageContaining("10 MB");
    }

    @Test
    void pollsDoubleUpToTheLongestPauseWithinTheBudget() {
        assertThat(SarifUpload.pollDelays(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(20)))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(4),
                        Duration.ofSeconds(4));
        assertThat(SarifUpload.pollDelays(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(4))).isEmpty();
    }
}
