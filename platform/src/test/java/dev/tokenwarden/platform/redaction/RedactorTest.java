package dev.tokenwarden.platform.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void masksEveryShapeAndKeepsItsPrefix() {
        for (TestTokens.Sample sample : TestTokens.everyShape()) {
            String redacted = Redactor.redact("sending " + sample.token() + ", then done");

            assertThat(redacted).as(sample.shape()).isEqualTo("sending " + sample.prefix() + Redactor.MASK + ", then done");
            assertThat(Redactor.containsCredential(sample.token())).as(sample.shape()).isTrue();
        }
    }

    @Test
    void masksEveryTokenOfAText() {
        String text = String.join(" and ", TestTokens.all());

        String redacted = Redactor.redact(text);

        TestTokens.all().forEach(token -> assertThat(redacted).doesNotContain(token));
        assertThat(Redactor.containsCredential(redacted)).isFalse();
    }

    @Test
    void masksTokensInsideUrlsHeadersAndJson() {
        String token = TestTokens.random("ghs_", "abcdefghijklmnopqrstuvwxyz0123456789", 40);

        assertThat(Redactor.redact("https://x-access-token:" + token + "@github.com/acme/app.git"))
                .isEqualTo("https://x-access-token:ghs_" + Redactor.MASK + "@github.com/acme/app.git");
        assertThat(Redactor.redact("Authorization: Bearer " + token)).isEqualTo("Authorization: Bearer ghs_" + Redactor.MASK);
        assertThat(Redactor.redact("{\"token\":\"" + token + "\"}")).isEqualTo("{\"token\":\"ghs_" + Redactor.MASK + "\"}");
    }

    @Test
    void leavesTextThatOnlyResemblesATokenAlone() {
        String hash = "3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8557";
        String text = "ghp_short, status.OK, dev.tokenwarden.events.AuditFinding, " + hash
                + ", classes.ABCDEFGHIJKLMNOPQRSTUVWX, github_pat_ alone";

        assertThat(Redactor.redact(text)).isEqualTo(text);
        assertThat(Redactor.redact(null)).isNull();
        assertThat(Redactor.redact("")).isEmpty();
    }
}
