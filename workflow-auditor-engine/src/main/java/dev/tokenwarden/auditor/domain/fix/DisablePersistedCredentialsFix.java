package dev.tokenwarden.auditor.domain.fix;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.model.Step;
import dev.tokenwarden.auditor.domain.yaml.YamlMapping;
import dev.tokenwarden.auditor.domain.yaml.YamlNode;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/**
 * {@code persisted-credentials}: sets {@code persist-credentials: false} on the checkout: replaces the value when the
 * input is there, adds it to {@code with:}, or adds {@code with:} when the step has none.
 */
final class DisablePersistedCredentialsFix implements Fix {

    private static final FixInfo INFO = new FixInfo("persisted-credentials",
            "sets `persist-credentials: false` on the checkout, adding `with:` when the step has none");

    private static final String INPUT = "persist-credentials";

    @Override
    public FixInfo info() {
        return INFO;
    }

    @Override
    public List<PlannedFix> plan(EditableWorkflow workflow, List<Finding> findings, FixOptions options) {
        return Fix.each(findings, f -> Jobs.stepUsingAt(workflow, f), (f, s) -> plan(workflow, f, s.step()),
                "no checkout step's uses: is at this position");
    }

    private static PlannedFix plan(EditableWorkflow workflow, Finding finding, Step step) {
        String description = "checkout '" + step.label() + "': persist-credentials: false";
        Optional<YamlNode> with = step.node().get("with");
        if (with.isEmpty()) {
            return workflow.addEntry(step.node(), null, "with", Optional.empty(), List.of(Map.entry(INPUT, "false")))
                    .map(edit -> PlannedFix.edits(finding, description, edit))
                    .orElseGet(() -> PlannedFix.unfixable(finding, "the step's mapping has a shape the fixer does not edit"));
        }
        if (!(with.get() instanceof YamlMapping inputs)) {
            return PlannedFix.unfixable(finding, "the step's `with:` is not a mapping");
        }
        Optional<YamlScalar> current = inputs.scalar(INPUT);
        if (current.isPresent()) {
            return workflow.singleLineEnd(current.get())
                    .map(end -> PlannedFix.edits(finding, description,
                            new TextEdit(workflow.offset(current.get().position()), end, "false")))
                    .orElseGet(() -> PlannedFix.unfixable(finding, "the `persist-credentials` value spans lines"));
        }
        if (inputs.has(INPUT)) {
            return PlannedFix.unfixable(finding, "`persist-credentials` is not a plain value");
        }
        return workflow.addEntry(inputs, null, INPUT, Optional.of("false"), List.of())
                .map(edit -> PlannedFix.edits(finding, description, edit))
                .orElseGet(() -> PlannedFix.unfixable(finding, "the step's `with:` has a shape the fixer does not edit"));
    }
}
