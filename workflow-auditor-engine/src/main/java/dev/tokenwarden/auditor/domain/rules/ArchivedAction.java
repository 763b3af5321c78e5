package dev.tokenwarden.auditor.domain.rules;

import java.util.Map;
import java.util.Optional;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.UsesRef;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/**
 * An action (or reusable workflow) from a repository its owners have archived: it gets no fixes, security fixes
 * included, and its successor is known. The list names the repository and what replaced it; it is checked by hand
 * against the repositories' archived banners and READMEs, so it only grows with review.
 */
public final class ArchivedAction implements Rule {

    /** Archived repository ({@code owner/repo}, lower case as {@link UsesRef#repository()} gives it) to what replaced it. */
    private static final Map<String, String> SUCCESSORS = Map.ofEntries(
            Map.entry("actions/create-release", "`gh release create` or softprops/action-gh-release"),
            Map.entry("actions/upload-release-asset", "`gh release upload` or softprops/action-gh-release"),
            Map.entry("actions/setup-ruby", "ruby/setup-ruby"),
            Map.entry("actions/setup-elixir", "erlef/setup-beam"),
            Map.entry("actions/setup-haskell", "haskell-actions/setup"),
            Map.entry("haskell/actions", "the haskell-actions organisation's actions (haskell-actions/setup, ...)"),
            Map.entry("actions-rs/toolchain", "dtolnay/rust-toolchain, or rustup in a `run:` step"),
            Map.entry("actions-rs/cargo", "`cargo` in a `run:` step"),
            Map.entry("actions-rs/clippy-check", "`cargo clippy` in a `run:` step"),
            Map.entry("actions-rs/audit-check", "rustsec/audit-check"),
            Map.entry("actions-rs/install", "taiki-e/install-action"),
            Map.entry("actions-rs/tarpaulin", "`cargo tarpaulin` in a `run:` step"),
            Map.entry("actions-rs/grcov", "`grcov` in a `run:` step"),
            Map.entry("gradle/gradle-build-action", "gradle/actions/setup-gradle"),
            Map.entry("gradle/wrapper-validation-action", "gradle/actions/wrapper-validation"),
            Map.entry("crazy-max/ghaction-docker-buildx", "docker/setup-buildx-action"));

    private static final RuleInfo INFO = new RuleInfo("archived-action",
            "Action from an archived repository",
            Severity.MEDIUM, Confidence.HIGH,
            "The repository behind this `uses:` is archived: read-only, so a vulnerability found in it will not be "
                    + "fixed there, and its owners name a successor. Workflows that keep it run unmaintained code with "
                    + "the job's token and secrets.",
            "Move to the successor named in the message, pinned by commit SHA.",
            """
            - uses: actions/create-release@v1
            """,
            """
            - run: gh release create "$GITHUB_REF_NAME" --generate-notes
              env:
                GH_TOKEN: ${{ github.token }}
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        workflow.usesReferences().forEach(uses -> check(uses, context));
    }

    private static void check(YamlScalar uses, RuleContext context) {
        Optional<UsesRef> ref = UsesRef.parse(uses.value()).filter(r -> r.kind() == UsesRef.Kind.REPOSITORY);
        ref.ifPresent(r -> {
            String successor = SUCCESSORS.get(r.repository());
            if (successor != null) {
                context.report(uses, "`" + r.repository() + "` is archived and gets no more fixes; its successor is " + successor);
            }
        });
    }
}
