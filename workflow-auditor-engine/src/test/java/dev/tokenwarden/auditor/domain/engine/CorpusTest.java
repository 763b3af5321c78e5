package dev.tokenwarden.auditor.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.tokenwarden.auditor.domain.config.AuditConfig;
import dev.tokenwarden.auditor.domain.config.FindingFilter;
import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.rules.RuleCatalogue;

/**
 * Well-written workflows must not trip any rule at the default threshold and persona (what a user sees
 * with no options): the false-positive guard. Low-confidence findings are shown only to the auditor persona.
 */
class CorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/corpus");

    @Test
    void wellWrittenWorkflowsHaveNoFindingAtTheDefaultThreshold() throws IOException {
        List<InputFile> files;
        try (Stream<Path> paths = Files.walk(CORPUS)) {
            files = paths.filter(p -> p.toString().endsWith(".yml")).sorted().map(p -> {
                try {
                    return new InputFile(CORPUS.relativize(p).toString(), Files.readAllBytes(p));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }).toList();
        }
        assertThat(files.stream().filter(f -> f.path().startsWith(".github/workflows/"))).hasSizeGreaterThanOrEqualTo(50);
        assertThat(files.stream().filter(f -> f.path().endsWith("action.yml"))).isNotEmpty();

        ScanResult result = new Engine(RuleCatalogue.standard(), AuditConfig.defaults()).scan(files);

        assertThat(result.errors()).isEmpty();
        List<Finding> atThreshold = FindingFilter.UNSET.apply(result, RuleCatalogue.standard()).findings().stream()
                .filter(f -> f.severity().atLeast(Severity.LOW)).toList();
        assertThat(atThreshold).isEmpty();
    }
}
