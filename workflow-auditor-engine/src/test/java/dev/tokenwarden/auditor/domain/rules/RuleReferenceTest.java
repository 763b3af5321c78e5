package dev.tokenwarden.auditor.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.tokenwarden.auditor.domain.fix.WorkflowFixer;

/**
 * {@code docs/rules/} is generated from the catalogue: {@code README.md} and one page per rule. The test
 * fails when a committed page differs, is missing, or is left over from a removed rule; run it with
 * {@code -Dtokenwarden.write-docs=true} to rewrite the pages, then commit them.
 */
class RuleReferenceTest {

    private static final Path FOLDER = Path.of("../docs/rules");

    @Test
    void theCommittedRulePagesMatchTheCatalogue() throws IOException {
        Map<String, String> pages = RuleReference.pages(RuleCatalogue.standard(), WorkflowFixer.fixSummaries());
        if (Boolean.getBoolean("tokenwarden.write-docs")) {
            Files.createDirectories(FOLDER);
            for (Map.Entry<String, String> page : pages.entrySet()) {
                Files.writeString(FOLDER.resolve(page.getKey()), page.getValue(), StandardCharsets.UTF_8);
            }
        }
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Path file = FOLDER.resolve(page.getKey());
            assertThat(file).as("docs/rules/" + page.getKey() + "; regenerate with -Dtokenwarden.write-docs=true").exists();
            assertThat(Files.readString(file, StandardCharsets.UTF_8))
                    .as("docs/rules/" + page.getKey() + " is stale; regenerate with -Dtokenwarden.write-docs=true")
                    .isEqualTo(page.getValue());
        }
        Set<String> committed = new TreeSet<>();
        try (Stream<Path> files = Files.list(FOLDER)) {
            files.map(f -> f.getFileName().toString()).forEach(committed::add);
        }
        committed.removeAll(pages.keySet());
        committed.removeAll(RuleReference.HAND_WRITTEN);
        assertThat(committed).as("pages in docs/rules/ of no rule (delete them, or list hand-written ones)").isEmpty();
    }

    @Test
    void everyRuleIsDocumentedWithItsExamples() {
        RuleCatalogue catalogue = RuleCatalogue.standard();
        Map<String, String> pages = RuleReference.pages(catalogue, WorkflowFixer.fixSummaries());
        assertThat(catalogue.rules()).hasSizeGreaterThanOrEqualTo(26);
        for (RuleInfo info : catalogue.infos()) {
            assertThat(pages.get(info.id() + ".md")).startsWith("# " + info.id() + "\n")
                    .contains(info.exampleBad(), info.exampleFixed(), info.remediation());
            assertThat(pages.get("README.md")).contains("[`" + info.id() + "`](" + info.id() + ".md)");
            assertThat(info.id()).matches("[a-z]+(-[a-z]+)*");
            assertThat(info.description()).isNotBlank();
            assertThat(info.remediation()).isNotBlank();
        }
        assertThat(pages.get("README.md")).contains("(taint-model.md)", "## Fixes");
        WorkflowFixer.fixSummaries().forEach((id, summary) -> assertThat(pages.get(id + ".md")).contains(summary));
        assertThat(catalogue.infos().stream().map(RuleInfo::id).distinct()).hasSize(catalogue.rules().size());
    }
}
