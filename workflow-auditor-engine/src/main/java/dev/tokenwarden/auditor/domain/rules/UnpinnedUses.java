package dev.tokenwarden.auditor.domain.rules;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.UsesRef;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/**
 * An action or reusable workflow referenced by a tag or branch instead of a full commit SHA. Option
 * {@code allowed-tag-owners}: owners (or {@code owner/repo}) whose tags are accepted.
 */
public final class UnpinnedUses implements Rule {

    /** Owners whose actions GitHub itself publishes: a moved tag there is less likely, so lower severity. */
    private static final Set<String> FIRST_PARTY = Set.of("actions", "github");

    private static final RuleInfo INFO = new RuleInfo("unpinned-uses",
            "Action not pinned to a full commit SHA",
            Severity.MEDIUM, Confidence.HIGH,
            "Tags and branches are mutable: whoever controls the action's repository (or steals its "
                    + "maintainer's token) can move `v4` to malicious code, which then runs with this job's "
                    + "secrets, as happened to tj-actions/changed-files in 2025. A 40-character commit SHA cannot "
                    + "be moved. Actions published by GitHub (`actions/*`, `github/*`) are reported as low, others "
                    + "as medium; local actions (`./...`) are part of the repository and never reported. The "
                    + "option `allowed-tag-owners` lists owners or `owner/repo` names whose tags are accepted.",
            "Pin to the commit SHA and keep the tag in a comment, "
                    + "for example `uses: actions/checkout@<40-hex-sha> # v4.2.2`; let Dependabot or Renovate "
                    + "update the pins.",
            """
            steps:
              - uses: some-org/deploy-action@v2
            """,
            """
            steps:
              - uses: some-org/deploy-action@0123456789abcdef0123456789abcdef01234567 # v2.1.0
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        List<String> allowed = context.options().strings("allowed-tag-owners", List.of()).stream()
                .map(s -> s.toLowerCase(Locale.ROOT)).toList();
        workflow.usesReferences().forEach(uses -> check(uses, allowed, context));
    }

    private static void check(YamlScalar uses, List<String> allowed, RuleContext context) {
        Optional<UsesRef> ref = UsesRef.parse(uses.value());
        if (ref.isEmpty() || ref.get().kind() != UsesRef.Kind.REPOSITORY || ref.get().isPinnedToCommit()) {
            return;
        }
        UsesRef r = ref.get();
        if (allowed.contains(r.owner()) || allowed.contains(r.repository())) {
            return;
        }
        Severity severity = FIRST_PARTY.contains(r.owner()) ? Severity.LOW : Severity.MEDIUM;
        String what = r.ref().isEmpty() ? "has no ref at all" : "is pinned to `" + r.ref() + "`, which can be moved";
        context.report(uses, "`" + r.action() + "` " + what, severity, Confidence.HIGH);
    }
}
