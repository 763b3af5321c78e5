package dev.tokenwarden.auditor.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.tokenwarden.auditor.domain.config.AuditConfig;
import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.rules.RuleCatalogue;

/**
 * The workflows this project ships, its own CI and the templates in deploy/github, pass its own auditor with
 * every rule at default settings: no finding and no unreadable file.
 */
class ProjectWorkflowsAuditTest {

    /** Surefire runs in the module's folder; the repository root is its parent. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theProjectsWorkflowsAndTemplatesHaveNoFinding() throws IOException {
        List<InputFile> files = new ArrayList<>();
        for (String folder : List.of(".github/workflows", "deploy/github")) {
            try (Stream<Path> paths = Files.list(ROOT.resolve(folder))) {
                for (Path path : paths.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                    files.add(new InputFile(ROOT.relativize(path).toString(), Files.readAllBytes(path)));
                }
            }
        }
        assertThat(files).extracting(InputFile::path)
                .contains(".github/workflows/ci.yml", "deploy/github/security-optimized-template.yml", "deploy/github/vault-token.yml");

        ScanResult result = new Engine(RuleCatalogue.standard(), AuditConfig.defaults()).scan(files);

        assertThat(result.errors()).isEmpty();
        assertThat(result.findings()).isEmpty();
        assertThat(result.filesScanned()).isEqualTo(files.size());
    }
}
