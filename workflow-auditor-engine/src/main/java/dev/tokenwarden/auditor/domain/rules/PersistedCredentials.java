package dev.tokenwarden.auditor.domain.rules;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Job;
import dev.tokenwarden.auditor.domain.model.Step;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/**
 * A checkout that leaves the token in {@code .git/config} ("artipacked"): high when a later step of the
 * job uploads the checked-out tree as an artifact, low confidence when nothing visibly uploads it.
 */
public final class PersistedCredentials implements Rule {

    /** Upload paths that take the whole workspace, {@code .git} included. */
    private static final Set<String> WORKSPACE = Set.of(".", "./", "*", "**", "./*", "./**", "**/*",
            "${{ github.workspace }}", "${{ github.workspace }}/", "$GITHUB_WORKSPACE", "${GITHUB_WORKSPACE}");

    private static final RuleInfo INFO = new RuleInfo("persisted-credentials",
            "Checkout keeps its token on disk (artipacked)",
            Severity.MEDIUM, Confidence.LOW,
            "`actions/checkout` writes the job's token into `.git/config` unless `persist-credentials: false`. "
                    + "When the job then uploads an artifact that includes the working tree (or its `.git` "
                    + "folder), anyone who can download the artifact, which is everyone for a public "
                    + "repository, gets a live token: reported high, with high confidence. Without such an "
                    + "upload the token still sits on disk for every later step and action of the job: "
                    + "reported medium with low confidence (shown with `--persona auditor`), since the rule "
                    + "cannot see what those steps do with it.",
            "Set `persist-credentials: false` on the checkout (a step that pushes can authenticate itself), "
                    + "and upload only the build output.",
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
            for (int i = 0; i < steps.size(); i++) {
                Step checkout = steps.get(i);
                if (!checkout.usesRef().map(u -> u.is("actions/checkout")).orElse(false) || !persists(checkout)) {
                    continue;
                }
                String checkoutPath = input(checkout, "path").map(p -> p.strip().replaceAll("/+$", "")).orElse("");
                boolean uploaded = steps.subList(i + 1, steps.size()).stream()
                        .anyMatch(s -> uploadsCheckout(s, checkoutPath));
                YamlScalar at = checkout.uses().orElseThrow();
                if (uploaded) {
                    context.report(at, "checkout in job '" + job.id() + "' keeps the token in .git/config and a later "
                            + "step uploads the checked-out tree as an artifact", Severity.HIGH, Confidence.HIGH);
                } else {
                    context.report(at, "checkout in job '" + job.id() + "' keeps the token in .git/config for every "
                            + "later step", Severity.MEDIUM, Confidence.LOW);
                }
            }
        }
    }

    private static boolean persists(Step step) {
        return input(step, "persist-credentials").map(p -> !p.strip().equals("false")
                && !p.replace(" ", "").equals("${{false}}")).orElse(true);
    }

    private static boolean uploadsCheckout(Step step, String checkoutPath) {
        if (!step.usesRef().map(u -> u.is("actions/upload-artifact")).orElse(false)) {
            return false;
        }
        return input(step, "path").stream().flatMap(String::lines).map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("!"))
                .anyMatch(line -> WORKSPACE.contains(line) || line.equals(".git") || line.startsWith(".git/")
                        || line.contains("/.git") || (!checkoutPath.isEmpty() && line.replaceAll("/+$", "").equals(checkoutPath)));
    }

    private static Optional<String> input(Step step, String name) {
        return step.with().flatMap(w -> w.scalar(name)).map(YamlScalar::value);
    }
}
