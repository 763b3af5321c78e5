package dev.tokenwarden.auditor.domain.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.tokenwarden.auditor.domain.config.AuditConfig;
import dev.tokenwarden.auditor.domain.engine.Engine;
import dev.tokenwarden.auditor.domain.engine.InputFile;
import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.rules.RuleCatalogue;

/**
 * Before/after pairs under {@code fix/<rule-id>/}: {@code <case>.yml} is scanned and fixed for that rule, and must
 * become {@code <case>.fixed.yml} byte for byte, with LF and with CRLF line endings. {@code <case>.unfixable} lists
 * the findings left alone, one {@code <line> <words of the reason>} a line. The fixed file, scanned again, has no
 * finding of the rule beyond those, and every other rule's findings are the ones it had before.
 */
class FixFixturesTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fix");
    /** The pins the fixtures' tags resolve to (the pin cache's role in the CLI). */
    private static final Map<String, String> PINS = Map.of(
            "actions/checkout@v4", "11bd71901bbe5b1630ceea73d27597364c9af683",
            "actions/setup-java@v4.7.0", "3a4f6e1af504cf6a31855fa899c6aa5355ba6c12",
            "some-org/lint-action@v2", "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567",
            "my-org/workflows@v1.2.0", "fedcba9876543210fedcba9876543210fedcba98",
            "actions/upload-artifact@v4", "ea165f8d65b6e75b540449e92b4886f43607fa02",
            "actions/setup-node@v4", "49933ea5288caeca8642d1e84afbd3f7d6820020");
    static final TagResolver RESOLVER = (owner, repo, tag) -> Optional.ofNullable(PINS.get(owner + "/" + repo + "@" + tag));

    private final Engine engine = new Engine(RuleCatalogue.standard(), AuditConfig.defaults());

    @TestFactory
    Stream<DynamicTest> everyFixHasBeforeAfterPairs() throws IOException {
        assertThat(list(FIXTURES).stream().map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrderElementsOf(WorkflowFixer.fixableRules());
        return list(FIXTURES).stream().flatMap(dir -> list(dir).stream()
                .filter(f -> f.toString().endsWith(".yml") && !f.toString().endsWith(".fixed.yml"))
                .flatMap(before -> Stream.of(
                        DynamicTest.dynamicTest(dir.getFileName() + "/" + before.getFileName(), () -> check(dir, before, "\n")),
                        DynamicTest.dynamicTest(dir.getFileName() + "/" + before.getFileName() + " (CRLF)",
                                () -> check(dir, before, "\r\n")))));
    }

    private void check(Path dir, Path beforeFile, String eol) throws IOException {
        String rule = dir.getFileName().toString();
        String name = beforeFile.getFileName().toString().replaceFirst("\\.yml$", "");
        String before = read(beforeFile).replace("\n", eol);
        String expected = read(dir.resolve(name + ".fixed.yml")).replace("\n", eol);
        String path = ".github/workflows/" + name + ".yml";
        List<InputFile> scanned = List.of(new InputFile(path, before.getBytes(StandardCharsets.UTF_8)));
        List<Finding> findings = engine.scan(scanned).findings();
        assertThat(findings).as("the fixture has findings of " + rule).anyMatch(f -> f.ruleId().equals(rule));

        FixOptions options = FixOptions.defaults().withRules(Set.of(rule)).withTimeoutMinutes(15).withTags(RESOLVER)
                .withRepositoryFiles(p -> Optional.of(dir.resolve(p)).filter(Files::isRegularFile).map(FixFixturesTest::read));
        FixOutcome outcome = new WorkflowFixer(options).fix(path, before, findings);

        assertThat(outcome.newText()).as("fixed text").isEqualTo(expected);
        assertUnfixable(dir.resolve(name + ".unfixable"), outcome.unfixable().stream().map(u -> u.line() + " " + u.reason()).toList());
        assertThat(outcome.applied()).as("applied fixes").hasSize(outcome.changed() ? outcome.applied().size() : 0)
                .allMatch(a -> a.ruleId().equals(rule));
        assertThat(outcome.applied().size() + outcome.unfixable().size()).as("every finding of " + rule + " answered")
                .isEqualTo(findings.stream().filter(f -> f.ruleId().equals(rule)).count());

        List<Finding> after = engine.scan(List.of(new InputFile(path, outcome.newText().getBytes(StandardCharsets.UTF_8))))
                .findings();
        assertThat(after.stream().filter(f -> f.ruleId().equals(rule))).as(rule + " after the fix")
                .hasSize(outcome.unfixable().size());
        assertThat(others(after, rule)).as("the other rules' findings").isEqualTo(others(findings, rule));
        assertThat(FixVerification.verify(engine, scanned, outcome)).isEmpty();
        assertThat(new WorkflowFixer(options).fix(path, outcome.newText(), after).changed()).as("a second run").isFalse();
    }

    private static void assertUnfixable(Path expectedFile, List<String> reasons) {
        List<String> expected = Files.exists(expectedFile) ? read(expectedFile).lines().toList() : List.of();
        assertThat(reasons).hasSameSizeAs(expected);
        for (String line : expected) {
            String[] parts = line.split(" ", 2);
            assertThat(reasons).as("unfixable at line " + parts[0])
                    .anyMatch(r -> r.startsWith(parts[0] + " ") && r.contains(parts[1]));
        }
    }

    /** The other rules that report, once each per finding; messages may change (a trigger no longer feeds a script). */
    private static List<String> others(List<Finding> findings, String rule) {
        return findings.stream().map(Finding::ruleId)
                .filter(id -> !id.equals(rule) && !FixVerification.mayReveal(rule).contains(id)).sorted().toList();
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
