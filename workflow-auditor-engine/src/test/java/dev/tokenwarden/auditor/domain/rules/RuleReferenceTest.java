package dev.tokenwarden.auditor.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * {@code docs/rules.md} is generated from the catalogue. The test fails when the committed page differs;
 * run it with {@code -Dtokenwarden.write-docs=true} to rewrite the page, then commit it.
 */
class RuleReferenceTest {

    private static final Path PAGE = Path.of("../docs/rules.md");

    @Test
    void theCommittedRuleReferenceMatchesTheCatalogue() throws IOException {
        String generated = RuleReference.markdown(RuleCatalogue.standard());
        if (Boolean.getBoolean("tokenwarden.write-docs")) {
            Files.createDirectories(PAGE.getParent());
            Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
        }
        assertThat(PAGE).as("docs/rules.md; regenerate with -Dtokenwarden.write-docs=true").exists();
        assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
                .as("docs/rules.md is stale; regenerate with -Dtokenwarden.write-docs=true")
                .isEqualTo(generated);
    }

    @Test
    void everyRuleIsDocumentedWithItsExamples() {
        RuleCatalogue catalogue = RuleCatalogue.standard();
        String page = RuleReference.markdown(catalogue);
        assertThat(catalogue.rules()).hasSizeGreaterThanOrEqualTo(26);
        for (RuleInfo info : catalogue.infos()) {
            assertThat(page).contains("\n## " + info.id() + "\n", info.exampleBad(), info.exampleFixed());
            assertThat(info.id()).matches("[a-z]+(-[a-z]+)*");
            assertThat(info.description()).isNotBlank();
            assertThat(info.remediation()).isNotBlank();
        }
        assertThat(catalogue.infos().stream().map(RuleInfo::id).distinct()).hasSize(catalogue.rules().size());
    }
}
