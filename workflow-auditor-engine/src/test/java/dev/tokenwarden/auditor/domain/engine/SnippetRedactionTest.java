package dev.tokenwarden.auditor.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tokenwarden.auditor.domain.config.AuditConfig;
import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.rules.RuleCatalogue;

class SnippetRedactionTest {

    /** Built at run time so no token-shaped literal is committed. */
    private static final String TOKEN = "ghp_" + "a1B2c3D4e5".repeat(4);

    @Test
    void masksTokenShapesAndLiteralSecretValuesButKeepsReferences() {
        assertThat(SnippetRedaction.redact("run: curl -H \"Authorization: token " + TOKEN + "\" https://api.github.com"))
                .isEqualTo("run: curl -H \"Authorization: token ***\" https://api.github.com");
        assertThat(SnippetRedaction.redact("password: correct-horse-battery")).isEqualTo("password: ***");
        assertThat(SnippetRedaction.redact("- NPM_TOKEN: abc123")).isEqualTo("- NPM_TOKEN: ***");
        assertThat(SnippetRedaction.redact("password: ${{ secrets.REGISTRY_PASSWORD }}"))
                .isEqualTo("password: ${{ secrets.REGISTRY_PASSWORD }}");
        assertThat(SnippetRedaction.redact("uses: actions/checkout@v4")).isEqualTo("uses: actions/checkout@v4");
        assertThat(SnippetRedaction.redact("secrets: inherit")).isEqualTo("secrets: inherit");
        assertThat(SnippetRedaction.redact("AWS_SECRET_ACCESS_KEY=abc123 ./deploy.sh")).isEqualTo("AWS_SECRET_ACCESS_KEY=***");
    }

    @Test
    void noFindingCarriesTheCredentialAWorkflowHardcodes() {
        String workflow = """
                on: push
                permissions:
                  contents: read
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    timeout-minutes: 5
                    container:
                      image: registry.example.com/build@sha256:3f405162738495a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4
                      credentials:
                        username: ci
                        password: correct-horse-battery
                    steps:
                      - run: echo "%s" | gh auth login --with-token && echo %s
                """.formatted(TOKEN, TOKEN);
        List<Finding> findings = new Engine(RuleCatalogue.standard(), AuditConfig.defaults())
                .scan(List.of(new InputFile("w.yml", workflow.getBytes(StandardCharsets.UTF_8)))).findings();
        assertThat(findings).extracting(Finding::ruleId).contains("hardcoded-container-credentials");
        assertThat(findings).allSatisfy(f -> assertThat(f.toString()).doesNotContain(TOKEN, "correct-horse-battery"));
    }
}
