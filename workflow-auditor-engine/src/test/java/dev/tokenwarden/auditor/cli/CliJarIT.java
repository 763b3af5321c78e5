package dev.tokenwarden.auditor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code -cli} jar, run through {@code workflow-auditor/bin/tokenwarden-audit} as a user would. */
class CliJarIT {

    private static final Path SCRIPT = Path.of("../workflow-auditor/bin/tokenwarden-audit");

    @TempDir
    Path repo;

    private record Run(int exitCode, String out) {
    }

    private static Path cliJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-cli.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no -cli jar in target/: run the package phase first"));
        }
    }

    private Run run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("sh", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TOKENWARDEN_AUDIT_JAR", cliJar().toAbsolutePath().toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out);
    }

    @Test
    void scansARepositoryThroughTheScript() throws Exception {
        Path workflows = Files.createDirectories(repo.resolve(".github/workflows"));
        Files.writeString(workflows.resolve("ci.yml"), """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: make
                """);
        Run run = run("scan", "--persona", "pedantic", "--format", "sarif", repo.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("\"version\" : \"2.1.0\"", "\"ruleId\" : \"missing-timeout\"")
                .doesNotContain("Quarkus", "kafka");
    }

    @Test
    void printsItsVersionAndRejectsBadUsage() throws Exception {
        Run version = run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("tokenwarden-audit ").doesNotContain("dev");
        assertThat(run("scan", "--format", "yaml", repo.toString()).exitCode()).isEqualTo(2);
    }
}
