package dev.tokenwarden.auditor.domain.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Job;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlMapping;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/** {@code ACTIONS_ALLOW_UNSECURE_COMMANDS} turned on at any level. */
public final class UnsecureCommands implements Rule {

    private static final String VARIABLE = "ACTIONS_ALLOW_UNSECURE_COMMANDS";

    private static final RuleInfo INFO = new RuleInfo("unsecure-commands",
            "ACTIONS_ALLOW_UNSECURE_COMMANDS re-enables set-env and add-path",
            Severity.HIGH, Confidence.HIGH,
            "GitHub disabled the `::set-env::` and `::add-path::` log commands in 2020 because any text "
                    + "printed to the log (a file name, a test's output, a pull request title) could set "
                    + "`NODE_OPTIONS` or `PATH` for later steps. This variable turns them back on.",
            "Remove the variable and write to `$GITHUB_ENV` / `$GITHUB_PATH` instead.",
            """
            env:
              ACTIONS_ALLOW_UNSECURE_COMMANDS: true
            """,
            """
            - run: echo "TOOL_HOME=/opt/tool" >> "$GITHUB_ENV"
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        List<Optional<YamlMapping>> envs = new ArrayList<>();
        envs.add(workflow.env());
        for (Job job : workflow.jobs()) {
            envs.add(job.env());
        }
        workflow.steps().forEach(s -> envs.add(s.step().env()));
        for (Optional<YamlMapping> env : envs) {
            env.flatMap(e -> e.entry(VARIABLE)).ifPresent(entry -> {
                String value = entry.value() instanceof YamlScalar s ? s.value().strip() : "";
                if (!value.isEmpty() && !value.equalsIgnoreCase("false")) {
                    context.report(entry.key(), VARIABLE + " re-enables the deprecated set-env and add-path commands",
                            INFO.severity());
                }
            });
        }
    }
}
