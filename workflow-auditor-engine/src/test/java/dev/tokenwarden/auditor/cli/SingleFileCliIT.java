package dev.tokenwarden.auditor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installable CLI, {@code target/tokenwarden-audit}: copied alone into a folder on the PATH, as a user
 * installs it, it audits a repository with nothing else around it (no checkout, no service).
 */
class SingleFileCliIT {

    @TempDir
    Path home;

    @Test
    void runsFromThePathAsOneFile() throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path installed = Files.copy(Path.of("target/tokenwarden-audit"), bin.resolve("tokenwarden-audit"));
        assertThat(installed.toFile().setExecutable(true)).isTrue();
        Path workflows = Files.createDirectories(home.resolve("repo/.github/workflows"));
        Files.writeString(workflows.resolve("release.yml"), """
                on: push
                permissions: write-all
                jobs:
                  release:
                    runs-on: ubuntu-latest
                    timeout-minutes: 10
                    steps:
                      - run: make release
                """);

        // Through a shell, so that the command is looked up on the PATH given here.
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "tokenwarden-audit scan repo").directory(home.toFile())
                .redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("TOKENWARDEN_AUDIT_JAR");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(out).isEqualTo(1);
        assertThat(out).contains(".github/workflows/release.yml:2:").contains("broad-permissions");
    }
}
