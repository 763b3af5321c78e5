package dev.tokenwarden.auditor.domain.fix;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.model.Job;
import dev.tokenwarden.auditor.domain.model.UsesRef;
import dev.tokenwarden.auditor.domain.yaml.YamlInputException;
import dev.tokenwarden.auditor.domain.yaml.YamlLimits;
import dev.tokenwarden.auditor.domain.yaml.YamlLoader;
import dev.tokenwarden.auditor.domain.yaml.YamlMapping;
import dev.tokenwarden.auditor.domain.yaml.YamlNode;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/**
 * {@code secrets-inherit}: replaces {@code secrets: inherit} by the secrets the called workflow declares
 * ({@code on.workflow_call.secrets}), each passed under its own name, which is what {@code inherit} gave it. Only
 * for local reusable workflows ({@code ./.github/workflows/...}), read through {@link RepositoryFiles}; and only when
 * the called workflow reads no secret it does not declare (under {@code inherit} it could).
 */
final class ExplicitSecretsFix implements Fix {

    private static final FixInfo INFO = new FixInfo("secrets-inherit",
            "replaces `secrets: inherit` by the secrets a local reusable workflow declares under `on.workflow_call.secrets`, each passed under its own name; a workflow in another repository, or one that reads secrets it does not declare, is left alone");

    private static final Pattern SECRET_READ = Pattern.compile("secrets\\s*(?:\\.\\s*([A-Za-z_][A-Za-z0-9_]*)|\\[)");
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final YamlLoader loader = new YamlLoader(YamlLimits.defaults());

    @Override
    public FixInfo info() {
        return INFO;
    }

    @Override
    public List<PlannedFix> plan(EditableWorkflow workflow, List<Finding> findings, FixOptions options) {
        return Fix.each(findings, f -> workflow.workflow().jobs().stream().filter(j -> j.secrets().orElse(null) instanceof YamlScalar s
                        && s.position().line() == f.line() && s.position().column() == f.column()).findFirst(),
                (f, job) -> plan(workflow, f, job, options.repositoryFiles()), "no `secrets: inherit` at this position");
    }

    private PlannedFix plan(EditableWorkflow workflow, Finding finding, Job job, RepositoryFiles files) {
        YamlScalar inherit = (YamlScalar) job.secrets().orElseThrow();
        Optional<UsesRef> uses = job.uses().flatMap(u -> UsesRef.parse(u.value()));
        if (uses.isEmpty() || uses.get().kind() != UsesRef.Kind.LOCAL) {
            return PlannedFix.unfixable(finding, "the called workflow is in another repository; what it declares is not "
                    + "read offline: list its secrets under `secrets:` by hand");
        }
        String calledPath = uses.get().path().replaceFirst("^\\./", "");
        Optional<String> called = files.read(calledPath);
        if (called.isEmpty()) {
            return PlannedFix.unfixable(finding, "the called workflow " + calledPath + " could not be read");
        }
        List<String> declared;
        try {
            declared = declaredSecrets(calledPath, called.get());
        } catch (YamlInputException e) {
            return PlannedFix.unfixable(finding, "the called workflow " + calledPath + " does not parse: " + e.getMessage());
        }
        Matcher reads = SECRET_READ.matcher(called.get());
        while (reads.find()) {
            String name = reads.group(1);
            if (name == null) {
                return PlannedFix.unfixable(finding, calledPath + " reads `secrets[...]` by a computed name");
            }
            if (!name.equalsIgnoreCase("GITHUB_TOKEN") && declared.stream().noneMatch(name::equalsIgnoreCase)) {
                return PlannedFix.unfixable(finding, calledPath + " reads secrets." + name + " without declaring it under "
                        + "on.workflow_call.secrets; declare it there first");
            }
        }
        List<String> passed = declared.stream().filter(n -> SECRET_NAME.matcher(n).matches()).toList();
        Optional<Integer> end = workflow.singleLineEnd(inherit);
        if (end.isEmpty()) {
            return PlannedFix.unfixable(finding, "`inherit` is not written as the fixer can edit it");
        }
        int start = workflow.offset(inherit.position());
        String rest = workflow.line(inherit.position().line())
                .substring(end.get() - workflow.lineStart(inherit.position().line()));
        String description = "job '" + job.id() + "': secrets: inherit replaced by " + (passed.isEmpty()
                ? "none (" + calledPath + " declares none)" : String.join(", ", passed));
        String replacement;
        if (passed.isEmpty()) {
            replacement = "{}";
        } else if (rest.isBlank() && !workflow.isFlow(job.node())) {
            String indent = " ".repeat(job.node().position().column() - 1 + workflow.indentUnit());
            StringBuilder block = new StringBuilder();
            passed.forEach(n -> block.append(workflow.eol()).append(indent).append(n).append(": ${{ secrets.").append(n).append(" }}"));
            int afterColon = start;
            while (afterColon > 0 && workflow.text().charAt(afterColon - 1) == ' ') {
                afterColon--;
            }
            return PlannedFix.edits(finding, description, new TextEdit(afterColon, end.get(), block.toString()));
        } else {
            replacement = passed.stream().map(n -> n + ": '${{ secrets." + n + " }}'")
                    .reduce((a, b) -> a + ", " + b).map(s -> "{" + s + "}").orElseThrow();
        }
        return PlannedFix.edits(finding, description, new TextEdit(start, end.get(), replacement));
    }

    private List<String> declaredSecrets(String path, String text) throws YamlInputException {
        YamlNode root = loader.load(path, text.getBytes(StandardCharsets.UTF_8)).root();
        if (!(root instanceof YamlMapping mapping)) {
            throw new YamlInputException("not a workflow");
        }
        Optional<YamlMapping> call = mapping.mapping("on").flatMap(on -> on.mapping("workflow_call"));
        if (call.isEmpty() && !(mapping.get("on").orElse(null) instanceof YamlScalar s && s.value().equals("workflow_call"))
                && !mapping.mapping("on").map(on -> on.has("workflow_call")).orElse(false)) {
            throw new YamlInputException("it has no `on: workflow_call` trigger");
        }
        List<String> names = new ArrayList<>();
        call.flatMap(c -> c.mapping("secrets")).ifPresent(s -> s.entries().forEach(e -> names.add(e.key().value())));
        return names.stream().distinct().toList();
    }
}
