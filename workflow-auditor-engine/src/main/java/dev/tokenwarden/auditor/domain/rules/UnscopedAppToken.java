package dev.tokenwarden.auditor.domain.rules;

import java.util.Optional;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlMapping;

/** {@code actions/create-github-app-token} minting a token with every permission, or for every repository. */
public final class UnscopedAppToken implements Rule {

    private static final RuleInfo INFO = new RuleInfo("unscoped-app-token",
            "GitHub App token without scoped permissions or repositories",
            Severity.MEDIUM, Confidence.HIGH,
            "Without `permission-*` inputs, `actions/create-github-app-token` mints a token with every "
                    + "permission the App's installation has; with `owner:` but no `repositories:` it covers "
                    + "every repository of that installation. The token then outlives its purpose in reach, "
                    + "not only in time.",
            "Add the `permission-<name>: read|write` inputs the job needs, and `repositories:` when `owner:` is set.",
            """
            - uses: actions/create-github-app-token@<sha>
              with:
                app-id: ${{ vars.APP_ID }}
                private-key: ${{ secrets.APP_PRIVATE_KEY }}
                owner: my-org
            """,
            """
            - uses: actions/create-github-app-token@<sha>
              with:
                app-id: ${{ vars.APP_ID }}
                private-key: ${{ secrets.APP_PRIVATE_KEY }}
                owner: my-org
                repositories: docs-site
                permission-contents: write
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        workflow.steps().forEach(s -> {
            if (!s.step().usesRef().map(u -> u.is("actions/create-github-app-token")).orElse(false)) {
                return;
            }
            Optional<YamlMapping> with = s.step().with();
            boolean permissions = with.map(w -> w.entries().stream().anyMatch(e -> e.key().value().startsWith("permission-")))
                    .orElse(false);
            boolean ownerWide = with.map(w -> w.has("owner") && !w.has("repositories")).orElse(false);
            if (!permissions) {
                context.report(s.step().uses().orElseThrow(), "the App token gets every permission of the installation: no `permission-*` input");
            }
            if (ownerWide) {
                context.report(with.get().entry("owner").orElseThrow().key(),
                        "the App token covers every repository of the owner's installation: `owner` without `repositories`");
            }
        });
    }
}
