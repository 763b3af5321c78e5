package dev.tokenwarden.auditor.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.tokenwarden.auditor.domain.config.AuditConfig;
import dev.tokenwarden.auditor.domain.engine.Engine;
import dev.tokenwarden.auditor.domain.engine.InputFile;
import dev.tokenwarden.auditor.domain.finding.ScanResult;

/**
 * Every rule has a folder under {@code fixtures/<rule-id>/} with {@code bad*.yml} files, whose lines marked
 * {@code expect: <rule-id>} are exactly where the rule must report, and {@code good*.yml} files, where it
 * must report nothing. {@code expect: <rule-id>@<severity>/<confidence>} also states how bad and how sure
 * the finding on that line must be.
 */
class RuleFixturesTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    private static final Pattern EXPECT = Pattern.compile("expect: ([a-z0-9-]+(?:@[a-z]+/[a-z]+)?(?:, [a-z0-9-]+(?:@[a-z]+/[a-z]+)?)*)");

    private final Engine engine = new Engine(RuleCatalogue.standard(), AuditConfig.defaults());

    @TestFactory
    Stream<DynamicTest> everyRuleHasPositiveAndNegativeFixtures() throws IOException {
        return RuleCatalogue.standard().rules().stream().flatMap(rule -> {
            String id = rule.info().id();
            List<Path> files = fixtures(id);
            assertThat(files).as("fixtures for " + id)
                    .anyMatch(f -> f.getFileName().toString().startsWith("bad"))
                    .anyMatch(f -> f.getFileName().toString().startsWith("good"));
            return files.stream().map(file -> DynamicTest.dynamicTest(id + "/" + file.getFileName(), () -> {
                byte[] content = Files.readAllBytes(file);
                ScanResult result = engine.scan(List.of(new InputFile(file.getFileName().toString(), content)));
                assertThat(result.errors()).isEmpty();
                Set<Integer> reported = new TreeSet<>();
                Set<String> levels = new TreeSet<>();
                result.findings().stream().filter(f -> f.ruleId().equals(id)).forEach(f -> {
                    reported.add(f.line());
                    levels.add(f.line() + " " + f.severity().label() + "/" + f.confidence().label());
                });
                Map<Integer, String> expected = expected(content, id);
                assertThat(reported).as(id + " in " + file.getFileName()).isEqualTo(expected.keySet());
                expected.forEach((line, level) -> {
                    if (!level.isEmpty()) {
                        assertThat(levels).as(id + " severity/confidence in " + file.getFileName()).contains(line + " " + level);
                    }
                });
                if (file.getFileName().toString().startsWith("bad")) {
                    assertThat(reported).isNotEmpty();
                }
            }));
        });
    }

    private static List<Path> fixtures(String id) {
        try (Stream<Path> files = Files.list(FIXTURES.resolve(id))) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new AssertionError("no fixtures folder for rule " + id, e);
        }
    }

    /** The lines where the rule must report, each with its expected "severity/confidence" or "" when not stated. */
    private static Map<Integer, String> expected(byte[] content, String id) {
        Map<Integer, String> lines = new TreeMap<>();
        List<String> text = new String(content).lines().toList();
        for (int i = 0; i < text.size(); i++) {
            Matcher m = EXPECT.matcher(text.get(i));
            if (m.find()) {
                for (String expectation : m.group(1).split(", ")) {
                    String[] parts = expectation.split("@", 2);
                    if (parts[0].equals(id)) {
                        lines.put(i + 1, parts.length == 2 ? parts[1] : "");
                    }
                }
            }
        }
        return lines;
    }
}
