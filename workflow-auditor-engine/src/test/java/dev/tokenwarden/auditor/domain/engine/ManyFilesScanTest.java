package dev.tokenwarden.auditor.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenwarden.auditor.domain.config.AuditConfig;
import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.finding.ScanError;
import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.rules.RuleCatalogue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A scan of many files (read and audited in parallel) says exactly what scanning them one by one says, in the same order. */
class ManyFilesScanTest {
    private final Engine engine = new Engine(RuleCatalogue.standard(), AuditConfig.defaults());

    @Test
    void manyFilesGiveTheFindingsAndErrorsOfEachFileInFileOrder() {
        List<InputFile> files = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String path = ".github/workflows/w%03d.yml".formatted(i);
            String text = i % 97 == 13 ? "on: [push\njobs: {}\n" : switch (i % 3) {
                case 0 -> "on: issues\njobs:\n  triage:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ github.event.issue.title }}\" # %d\n"
                        .formatted(i);
                case 1 -> "on: pull_request_target\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - run: make # %d\n"
                        .formatted(i);
                default -> "on: push\npermissions: {}\njobs:\n  ok:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - run: echo %d\n"
                        .formatted(i);
            };
            files.add(new InputFile(path, text.getBytes(StandardCharsets.UTF_8)));
        }

        ScanResult together = engine.scan(files);

        List<Finding> oneByOne = new ArrayList<>();
        List<ScanError> errorsOneByOne = new ArrayList<>();
        for (InputFile file : files) {
            ScanResult alone = engine.scan(List.of(file));
            oneByOne.addAll(alone.findings());
            errorsOneByOne.addAll(alone.errors());
        }
        assertThat(together.findings()).hasSizeGreaterThan(200).containsExactlyElementsOf(oneByOne);
        assertThat(together.errors()).hasSize(3).containsExactlyElementsOf(errorsOneByOne);
        assertThat(together.errors()).extracting(ScanError::file)
                .containsExactly(".github/workflows/w013.yml", ".github/workflows/w110.yml", ".github/workflows/w207.yml");
        assertThat(together.filesScanned()).isEqualTo(300);
    }
}
