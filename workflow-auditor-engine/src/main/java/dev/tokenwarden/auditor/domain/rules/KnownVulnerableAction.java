package dev.tokenwarden.auditor.domain.rules;

import java.util.Optional;

import dev.tokenwarden.auditor.domain.advisory.ActionVersion;
import dev.tokenwarden.auditor.domain.advisory.Advisory;
import dev.tokenwarden.auditor.domain.advisory.AdvisoryFile;
import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.UsesRef;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/**
 * An action used at a version a published advisory lists as vulnerable. Only version tags are matched: a
 * commit SHA would need the GitHub API to map it to a release, and a moving tag ({@code v4}) is reported
 * only when every release it can name is vulnerable.
 */
public final class KnownVulnerableAction implements Rule {

    private static final RuleInfo INFO = new RuleInfo("known-vulnerable-action",
            "Action version with a published advisory",
            Severity.HIGH, Confidence.HIGH,
            "The GitHub Advisory Database lists this action at this version as vulnerable (for example the "
                    + "compromised tags of tj-actions/changed-files, which printed secrets to the logs). The "
                    + "data file's header names its source, retrieval date and entry count; the finding "
                    + "carries the advisory's severity when it is recorded.",
            "Upgrade to the first patched version named in the message, pinned by commit SHA.",
            """
            - uses: tj-actions/changed-files@v40
            """,
            """
            - uses: tj-actions/changed-files@<sha of 46.0.1 or later> # v46.0.1
            """);

    private final AdvisoryFile advisories;

    public KnownVulnerableAction(AdvisoryFile advisories) {
        this.advisories = advisories;
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        workflow.usesReferences().forEach(uses -> check(uses, context));
    }

    private void check(YamlScalar uses, RuleContext context) {
        Optional<UsesRef> ref = UsesRef.parse(uses.value()).filter(r -> r.kind() == UsesRef.Kind.REPOSITORY);
        Optional<ActionVersion> version = ref.flatMap(r -> ActionVersion.parse(r.ref()));
        if (version.isEmpty()) {
            return;
        }
        for (Advisory advisory : advisories.advisories()) {
            boolean sameAction = advisory.action().equals(ref.get().action()) || advisory.action().equals(ref.get().repository());
            if (sameAction && advisory.vulnerable().containsAll(version.get())) {
                context.report(uses, "`" + ref.get().action() + "@" + ref.get().ref() + "` is affected by " + advisory.id()
                                + " (" + advisory.summary() + "); first patched: " + advisory.firstPatched(),
                        advisory.severity().orElse(INFO.severity()), Confidence.HIGH);
            }
        }
    }
}
