package dev.tokenwarden.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first five minutes of a newcomer: a fresh clone, the default {@code java} 17 first on the PATH, no
 * JAVA_HOME, an empty tool cache, and the two commands of the README's first screen. The test command's set-up
 * runs exactly as written and then a small Maven goal (the whole suite must not run inside itself); the
 * local stack's command runs as written, builds, starts, answers the three commands it suggests, and stops on
 * SIGINT.
 */
class FirstRunIT {
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAVA_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
    private static final List<String> LAUNCHERS = List.of("setup", "local-stack/run", "workflow-auditor/bin/tokenwarden-audit");

    @TempDir
    Path work;

    @Test
    void launchersSayWhichJavaTheyNeedWhenOnlyJava17IsThere() throws Exception {
        requireJava17();
        Path noJdks = Files.createDirectories(work.resolve("no-jdks"));
        for (String launcher : LAUNCHERS) {
            for (String javaHome : new String[] {null, JAVA_17.toString()}) {
                ProcessBuilder builder = newcomer(PROJECT, PROJECT.resolve(launcher).toString());
                builder.environment().put("JDK_SEARCH_PATH", noJdks.toString());
                if (javaHome != null) {
                    builder.environment().put("JAVA_HOME", javaHome);
                }
                Run run = Run.of(builder, 120);
                assertThat(run.exitCode).as("%s exit code (JAVA_HOME %s): %s", launcher, javaHome, run.output).isEqualTo(2);
                assertThat(run.output).as(launcher).hasSize(1);
                assertThat(run.output.getFirst()).as(launcher)
                        .containsPattern("needs (a JDK|Java) 21 or newer")
                        .contains("found java 17 at")
                        .contains("JAVA_HOME " + (javaHome == null ? "unset" : javaHome))
                        .contains("fix: ");
            }
        }
    }

    @Test
    void theReadmeCommandsWorkFromAFreshClone() throws Exception {
        requireJava17();
        List<String> commands = firstScreenCommands();
        String testCommand = commands.stream().filter(c -> c.contains("./mvnw") && c.endsWith("verify")).findFirst()
                .orElseThrow(() -> new AssertionError("no './mvnw ... verify' command on the README's first screen: " + commands));
        String stackCommand = commands.stream().filter(c -> c.startsWith("./local-stack/run")).findFirst()
                .orElseThrow(() -> new AssertionError("no ./local-stack/run on the README's first screen: " + commands));
        assertThat(Files.readString(PROJECT.resolve(".ci/run"))).as(".ci/run runs the README's test command").contains(testCommand);

        Path clone = work.resolve("fresh");
        Run cloned = Run.of(new ProcessBuilder("git", "clone", "--quiet", PROJECT.toString(), clone.toString()), 120);
        assertThat(cloned.exitCode).as("git clone: %s", cloned.output).isZero();
        assertThat(clone.resolve(".cache")).as("a fresh clone has no tool cache").doesNotExist();

        String setupOnly = testCommand.substring(0, testCommand.indexOf("./mvnw")) + "./mvnw -B -pl events validate";
        Run setup = Run.of(newcomer(clone, "bash", "-c", setupOnly), 600);
        String setupOutput = String.join("\n", setup.output);
        assertThat(setup.exitCode).as("%s:%n%s", setupOnly, setupOutput).isZero();
        assertThat(setupOutput).containsPattern("setup: JDK (2[1-9]|[3-9][0-9])")
                .contains("setup: bao: ").contains("setup: kubectl: ").contains("setup: GitHub schemas: .cache/octokit")
                .contains("BUILD SUCCESS");
        assertThat(clone.resolve(".cache/octokit/node_modules/@octokit/openapi/generated/api.github.com.json")).isRegularFile();
        assertThat(clone.resolve(".cache/octokit/node_modules/@octokit/webhooks-schemas/schema.json")).isRegularFile();

        int kafkaPort = LocalStackIT.freePort();
        int httpBase = LocalStackIT.freeConsecutivePorts(4);
        Process stack = newcomer(clone, "bash", "-c", "exec " + stackCommand + " --kafka-port " + kafkaPort
                + " --http-port-base " + httpBase).redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread pump = new Thread(() -> LocalStackIT.collect(stack, output));
        pump.setDaemon(true);
        pump.start();
        try {
            // A first build of every module, then the start.
            LocalStackIT.awaitLine(stack, output, "tokenwarden is running", 1500);
            assertThat(LocalStackIT.warningsAndErrors(output)).as("WARN or ERROR lines on a clean start").isEmpty();
            List<String> tries = suggestedCommands(output);
            assertThat(tries).as("three commands to try").hasSize(3);
            Run rotate = Run.of(newcomer(clone, "sh", "-c", tries.get(0)), 60);
            assertThat(rotate.exitCode).as("%s: %s", tries.get(0), rotate.output).isZero();
            assertThat(String.join("", rotate.output)).contains("\"actionId\"").contains("ci-api-read");
            Run audit = Run.of(newcomer(clone, "sh", "-c", tries.get(1)), 60);
            assertThat(audit.exitCode).as("%s: %s", tries.get(1), audit.output).isZero();
            assertThat(String.join("", audit.output)).contains("untrusted-checkout").contains("template-injection");
            Run incidents = Run.of(newcomer(clone, "sh", "-c", tries.get(2)), 120);
            assertThat(incidents.exitCode).as("%s: %s", tries.get(2), incidents.output).isZero();
            assertThat(String.join("\n", incidents.output)).as("the audit's critical finding, raised as an incident")
                    .contains("FIRING").contains("untrusted-checkout in acme/api");

            List<ProcessHandle> children = stack.descendants().toList();
            Run interrupt = Run.of(new ProcessBuilder("kill", "-INT", String.valueOf(stack.pid())), 10);
            assertThat(interrupt.exitCode).isZero();
            assertThat(stack.waitFor(60, TimeUnit.SECONDS)).as("the stack stops on SIGINT to its launcher").isTrue();
            for (ProcessHandle child : children) {
                child.onExit().get(30, TimeUnit.SECONDS);
            }
        } finally {
            stack.descendants().forEach(ProcessHandle::destroyForcibly);
            stack.destroyForcibly();
        }
    }

    /** The commands in the first shell block of the README's "Start here" section, comments left out. */
    private static List<String> firstScreenCommands() throws IOException {
        String readme = Files.readString(PROJECT.resolve("README.md"));
        int section = readme.indexOf("## Start here");
        assertThat(section).as("the README has a 'Start here' section").isNotNegative();
        int start = readme.indexOf("```sh\n", section) + "```sh\n".length();
        String block = readme.substring(start, readme.indexOf("```", start));
        return block.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    /** The indented command lines after "Try", in order. */
    private static List<String> suggestedCommands(List<String> output) {
        int from = output.indexOf("Try (in another terminal):");
        assertThat(from).as("the stack printed what to try").isNotNegative();
        return output.subList(from + 1, output.size()).stream().filter(line -> line.startsWith("     "))
                .map(String::strip).toList();
    }

    /**
     * A process as a newcomer's shell would start it: java 17 first on the PATH, no JAVA_HOME, none of this
     * build's own tools (its JDK, its .cache) on the PATH.
     */
    private static ProcessBuilder newcomer(Path directory, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        Map<String, String> environment = builder.environment();
        environment.remove("JAVA_HOME");
        environment.remove("MAVEN_OPTS");
        List<String> path = new ArrayList<>(List.of(JAVA_17.resolve("bin").toString()));
        Arrays.stream(environment.getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty() && !entry.startsWith("/usr/lib/jvm/") && !entry.startsWith(PROJECT.toString())
                        && !entry.startsWith(System.getProperty("java.home")))
                .forEach(path::add);
        environment.put("PATH", String.join(File.pathSeparator, path));
        return builder;
    }

    private static void requireJava17() {
        boolean present = Files.isExecutable(JAVA_17.resolve("bin/java"));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(JAVA_17 + " is missing under CI=true: the first-run checks need a Java 17 to start from");
        }
        assumeTrue(present, JAVA_17 + " is not installed: the newcomer's Java 17 cannot be simulated here");
    }

    private record Run(int exitCode, List<String> output) {
        static Run of(ProcessBuilder builder, int seconds) throws IOException, InterruptedException {
            Process process = builder.redirectErrorStream(true).start();
            List<String> lines;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines = reader.lines().collect(Collectors.toList());
            }
            assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), () -> String.join(" ", builder.command()) + " did not end");
            return new Run(process.exitValue(), lines);
        }
    }
}
