package dev.tokenwarden.auditor.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.tokenwarden.auditor.domain.config.AuditConfig;
import dev.tokenwarden.auditor.domain.finding.ScanError;
import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.rules.RuleCatalogue;

/** Each kind of hostile input becomes one clear error for its file; the good file beside them is still audited. */
class HostileInputTest {

    private static InputFile text(String path, String content) {
        return new InputFile(path, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyHostileFileIsAClearErrorAndTheRestIsScanned() {
        StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ", ").append('*').append((char) (c - 1));
            }
            bomb.append("]\n");
        }
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        Arrays.fill(tenMegabytes, (byte) '#');
        byte[] junk = new byte[4096];
        new Random(42).nextBytes(junk);

        ScanResult result = new Engine(RuleCatalogue.standard(), AuditConfig.defaults()).scan(List.of(
                text("alias-bomb.yml", bomb.toString()),
                new InputFile("huge.yml", tenMegabytes),
                new InputFile("junk.bin", junk),
                text("compose.yml", "services:\n  web:\n    image: nginx\n"),
                text("list.yml", "- just\n- a\n- list\n"),
                text("bad-steps.yml", "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: oops\n"),
                text("ok.yml", "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n")));

        assertThat(result.errors()).extracting(ScanError::file, ScanError::message).containsExactly(
                tuple("alias-bomb.yml",
                        "invalid YAML: Number of aliases for non-scalar nodes exceeds the specified max=50"),
                tuple("huge.yml", "file is 10485760 bytes, above the limit of 1048576 bytes"),
                tuple("junk.bin", result.errors().get(2).message()),
                tuple("compose.yml",
                        "not a GitHub Actions workflow or action: no 'jobs' mapping and no 'runs.using' (top-level keys: services)"),
                tuple("list.yml", "not a GitHub Actions workflow: the document is a sequence, not a mapping"),
                tuple("bad-steps.yml", "'steps' must be a list, not a scalar"));
        assertThat(result.errors().get(2).message()).matches("not a (text|UTF-8 text) file.*");
        assertThat(result.findings()).isNotEmpty().allSatisfy(f -> assertThat(f.file()).isEqualTo("ok.yml"));
        assertThat(result.filesScanned()).isEqualTo(7);
    }
}
