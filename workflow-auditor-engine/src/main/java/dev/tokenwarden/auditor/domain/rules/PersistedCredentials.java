package dev.tokenwarden.auditor.domain.rules;

import java.util.List;
import java.util.Optional;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Job;
import dev.tokenwarden.auditor.domain.model.Step;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/** A checkout that leaves the token in {@code .git/config} in a job that uploads artifacts. */
public final class PersistedCredentials implements Rule {

    private static final RuleInfo INFO = new RuleInfo("persisted-credentials",
            "Checkout keeps its token in a job that uploads artifacts",
            Severity.MEDIUM, Confidence.MEDIUM,
            "`actions/checkout` writes the job's token into `.git/config` unless `persist-credentials: false`. "
                    + "When the job then uploads an artifact that includes the working tree (or a `.git` "
                    + "folder), anyone who can download the artifact gets a live token.",
            "Set `persist-credentials: false` on the checkout, and upload only the build output.",
            """
            - uses: actions/checkout@<sha>
            - run: make dist
            - uses: actions/upload-artifact@<sha>
              with:
                path: .
            """,
            """
            - uses: actions/checkout@<sha>
              with:
                persist-credentials: false
            - run: make dist
            - uses: actions/upload-artifact@<sha>
              with:
                path: dist/
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        for (Job job : workflow.jobs()) {
            List<Step> steps = job.steps();
            boolean uploads = steps.stream().anyMatch(s -> s.usesRef().map(u -> u.is("actions/upload-artifact")).orElse(false));
            if (!uploads) {
                continue;
            }
            for (Step step : steps) {
                if (step.usesRef().map(u -> u.is("actions/checkout")).orElse(false) && persists(step)) {
                    context.report(step.uses().orElseThrow(), "checkout in job '" + job.id()
                            + "' keeps the token in .git/config and the job uploads artifacts");
                }
            }
        }
    }

    private static boolean persists(Step step) {
        Optional<String> persist = step.with().flatMap(w -> w.scalar("persist-credentials")).map(YamlScalar::value);
        return persist.map(p -> !p.strip().equals("false")).orElse(true);
    }
}
