package dev.tokenwarden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link E2eStack} per test class: started before the first row, checked by the leak guard and stopped after the
 * last. Records each row's outcome for docs/reliability.md.
 */
final class StackExtension implements BeforeAllCallback, AfterAllCallback, BeforeTestExecutionCallback, AfterTestExecutionCallback {
    private final String name;
    private final Map<String, String> settings;
    private E2eStack stack;
    private long rowStarted;

    StackExtension(String name, Map<String, String> settings) {
        this.name = name;
        this.settings = settings;
    }

    E2eStack stack() {
        return stack;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        stack = E2eStack.start(name, settings);
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        rowStarted = System.nanoTime();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) throws Exception {
        Row row = context.getRequiredTestMethod().getAnnotation(Row.class);
        if (row != null) {
            long seconds = Math.round((System.nanoTime() - rowStarted) / 1e9);
            ReliabilityPage.recordResult(row.id(), context.getExecutionException().isPresent() ? "FAILED" : "passed", seconds);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (stack == null) {
            return;
        }
        try {
            var findings = stack.leaks.findings(stack);
            ReliabilityPage.recordResult("leak-guard-" + name, findings.isEmpty() ? "passed" : "FAILED", 0);
            assertThat(findings).as("secrets found outside the one answer that carried each (of %d known)", stack.leaks.secretsKnown())
                    .isEmpty();
        } finally {
            stack.close();
            if (Boolean.getBoolean("tokenwarden.write-docs")) {
                Files.writeString(ReliabilityPage.PAGE, ReliabilityPage.withResults(
                        "Run of " + Instant.now().truncatedTo(ChronoUnit.MINUTES) + " on " + Runtime.getRuntime().availableProcessors()
                                + " cores, Java " + Runtime.version().feature() + "."), StandardCharsets.UTF_8);
            }
        }
    }
}
