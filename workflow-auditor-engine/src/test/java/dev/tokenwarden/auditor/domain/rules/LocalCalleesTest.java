package dev.tokenwarden.auditor.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.tokenwarden.auditor.domain.config.AuditConfig;
import dev.tokenwarden.auditor.domain.engine.Engine;
import dev.tokenwarden.auditor.domain.engine.InputFile;
import dev.tokenwarden.auditor.domain.finding.ScanResult;

/**
 * A repository scanned as a whole: taint passed with {@code with:} into a local composite action or reusable
 * workflow is followed into it, and dangerous-triggers looks into a local reusable workflow. Lines marked
 * {@code expect: <rule-id>@<severity>/<confidence>} in any of its files are exactly the findings of those two rules.
 */
class LocalCalleesTest {

    private static final Path REPOSITORY = Path.of("src/test/resources/repositories/local-callees");
    private static final Set<String> RULES = Set.of("template-injection", "dangerous-triggers");
    private static final Pattern EXPECT = Pattern.compile("expect: ([a-z-]+)@([a-z]+/[a-z]+)");

    @Test
    void localActionsAndReusableWorkflowsAreFollowed() throws IOException {
        List<InputFile> files = new ArrayList<>();
        Set<String> expected = new TreeSet<>();
        try (Stream<Path> paths = Files.walk(REPOSITORY)) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                String name = REPOSITORY.relativize(path).toString().replace('\\', '/');
                byte[] content = Files.readAllBytes(path);
                files.add(new InputFile(name, content));
                List<String> lines = new String(content).lines().toList();
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = EXPECT.matcher(lines.get(i));
                    if (m.find()) {
                        expected.add(name + ":" + (i + 1) + " " + m.group(1) + " " + m.group(2));
                    }
                }
            }
        }

        ScanResult result = new Engine(RuleCatalogue.standard(), AuditConfig.defaults()).scan(files);

        assertThat(result.errors()).isEmpty();
        Set<String> reported = new TreeSet<>();
        result.findings().stream().filter(f -> RULES.contains(f.ruleId())).forEach(f -> reported.add(
                f.file() + ":" + f.line() + " " + f.ruleId() + " " + f.severity().label() + "/" + f.confidence().label()));
        assertThat(reported).isEqualTo(expected);
        assertThat(result.findings()).filteredOn(f -> f.file().equals(".github/workflows/triage.yml") && f.line() == 18)
                .singleElement().satisfies(f -> assertThat(f.message()).contains(".github/actions/announce/action.yml line 12"));
    }
}
