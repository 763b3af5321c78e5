package dev.tokenwarden.auditor.domain.fix;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.model.UsesRef;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/**
 * {@code unpinned-uses}: replaces the tag in {@code uses: owner/repo@tag} by the full commit SHA the tag points to
 * (through the {@link TagResolver}) and keeps the tag in a trailing {@code # tag} comment, as Dependabot and
 * Renovate read it.
 */
final class PinUsesFix implements Fix {

    private static final FixInfo INFO = new FixInfo("unpinned-uses",
            "pins `owner/repo@tag` to the commit SHA of the tag, keeping `# tag` as a comment (tag from the pin cache, or the GitHub API with `--resolve-online`); a branch, an unknown tag, a line that already has a comment or a flow-style step is left alone");

    @Override
    public FixInfo info() {
        return INFO;
    }

    @Override
    public List<PlannedFix> plan(EditableWorkflow workflow, List<Finding> findings, FixOptions options) {
        return Fix.each(findings, f -> usesAt(workflow, f), (f, uses) -> plan(workflow, f, uses, options.tags()),
                "no `uses:` value at this position");
    }

    private static Optional<YamlScalar> usesAt(EditableWorkflow workflow, Finding finding) {
        Workflow model = workflow.workflow();
        return Stream.concat(model.steps().flatMap(s -> s.step().uses().stream()),
                        model.jobs().stream().flatMap(j -> j.uses().stream()))
                .filter(u -> u.position().line() == finding.line() && u.position().column() == finding.column())
                .findFirst();
    }

    private static PlannedFix plan(EditableWorkflow workflow, Finding finding, YamlScalar uses, TagResolver tags) {
        Optional<UsesRef> parsed = UsesRef.parse(uses.value());
        if (parsed.isEmpty() || parsed.get().ref().isEmpty()) {
            return PlannedFix.unfixable(finding, "`" + uses.value() + "` names no tag to pin");
        }
        UsesRef ref = parsed.get();
        Optional<Integer> end = workflow.singleLineEnd(uses);
        if (end.isEmpty() || !uses.value().equals(uses.value().strip())) {
            return PlannedFix.unfixable(finding, "the `uses:` value is not written on one line as the fixer can edit it");
        }
        String rest = workflow.text().substring(end.get(),
                workflow.lineStart(uses.position().line()) + workflow.line(uses.position().line()).length());
        if (!rest.isBlank()) {
            return PlannedFix.unfixable(finding, rest.strip().startsWith("#")
                    ? "the line already has a comment, where the tag would go"
                    : "more YAML follows the value on its line (flow style), so a `# " + ref.ref() + "` comment cannot");
        }
        Optional<String> sha;
        try {
            sha = tags.commitSha(ref.owner(), ref.repo(), ref.ref());
        } catch (TagResolutionException e) {
            return PlannedFix.unfixable(finding, "tag " + ref.ref() + " of " + ref.repository() + " could not be resolved: "
                    + e.getMessage());
        }
        if (sha.isEmpty()) {
            return PlannedFix.unfixable(finding, "`" + ref.ref() + "` is not a known tag of " + ref.repository()
                    + " (not in the pin cache, or not a tag on GitHub: a branch cannot be pinned safely)");
        }
        if (!sha.get().matches("[0-9a-f]{40}")) {
            return PlannedFix.unfixable(finding, "the resolver answered something that is not a full commit SHA");
        }
        int quote = uses.style() == YamlScalar.Style.PLAIN ? 0 : 1;
        int refEnd = end.get() - quote;
        int refStart = refEnd - ref.ref().length();
        return PlannedFix.edits(finding, "pinned " + ref.action() + "@" + ref.ref() + " to " + sha.get(),
                new TextEdit(refStart, refEnd, sha.get()), TextEdit.insert(end.get(), " # " + ref.ref()));
    }
}
