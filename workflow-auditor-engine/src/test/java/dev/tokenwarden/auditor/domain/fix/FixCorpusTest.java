package dev.tokenwarden.auditor.domain.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.tokenwarden.auditor.domain.config.AuditConfig;
import dev.tokenwarden.auditor.domain.engine.Engine;
import dev.tokenwarden.auditor.domain.engine.InputFile;
import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.rules.RuleCatalogue;

/**
 * Every fix over the scan corpus (workflows written like real ones, in many styles) with its good practice taken
 * out: tags instead of pins, no timeouts, no top-level {@code contents: read}, checkouts that keep their token. Whatever
 * is fixed must hold when the file is scanned again, and a second run must find nothing left that it could fix.
 */
class FixCorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/corpus");
    /** Every tag of every action pins to one commit: what matters here is the edit, not the SHA. */
    private static final TagResolver ANY_TAG = (owner, repo, tag) -> Optional.of("0123456789abcdef0123456789abcdef01234567");

    @Test
    void everyFixOfTheCorpusHoldsWhenScannedAgain() throws IOException {
        List<InputFile> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(CORPUS)) {
            for (Path p : paths.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                files.add(new InputFile(CORPUS.relativize(p).toString().replace('\\', '/'),
                        degrade(Files.readString(p)).getBytes(StandardCharsets.UTF_8)));
            }
        }
        Engine engine = new Engine(RuleCatalogue.standard(), AuditConfig.defaults());
        ScanResult scanned = engine.scan(files);
        assertThat(scanned.errors()).isEmpty();
        List<Finding> findings = scanned.findings();
        FixOptions options = FixOptions.defaults().withTags(ANY_TAG).withRepositoryFiles(path -> read(CORPUS.resolve(path)));
        int applied = 0;
        Set<String> fixedRules = new TreeSet<>();
        for (InputFile file : files) {
            String text = new String(file.content(), StandardCharsets.UTF_8);
            FixOutcome outcome = new WorkflowFixer(options).fix(file.path(), text, findings);
            applied += outcome.applied().size();
            outcome.applied().forEach(a -> fixedRules.add(a.ruleId()));
            assertThat(FixVerification.verify(engine, List.of(file), outcome)).as(file.path() + "\n" + outcome.diff()).isEmpty();
            List<Finding> after = engine.scan(List.of(new InputFile(file.path(), outcome.newText().getBytes(StandardCharsets.UTF_8))))
                    .findings();
            FixOutcome again = new WorkflowFixer(options).fix(file.path(), outcome.newText(), after);
            assertThat(again.applied()).as(file.path() + " fixed twice").isEmpty();
        }
        assertThat(applied).as("fixes made over the corpus").isGreaterThan(files.size());
        assertThat(fixedRules).contains("unpinned-uses", "missing-permissions", "missing-timeout", "persisted-credentials");
    }

    private static String degrade(String workflow) {
        return workflow.replaceAll("(?m)^[ \\t]*(timeout-minutes: *\\d+|persist-credentials: *false)[ \\t]*\\r?\\n", "")
                .replaceAll("@[0-9a-f]{40} # (v[0-9][\\w.-]*)", "@$1")
                .replaceAll("(?m)^permissions:\\r?\\n  contents: read\\r?\\n", "");
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
