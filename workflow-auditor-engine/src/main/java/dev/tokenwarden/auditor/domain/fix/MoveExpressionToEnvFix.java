package dev.tokenwarden.auditor.domain.fix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.model.Job;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.Position;
import dev.tokenwarden.auditor.domain.yaml.YamlMapping;
import dev.tokenwarden.auditor.domain.yaml.YamlNode;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/**
 * {@code template-injection}: moves each injected {@code ${{ expr }}} out of the step's {@code run:} script into
 * the step's {@code env:} under an upper-snake name, and has the script read the variable instead: {@code "${NAME}"}
 * for bash and sh (quoted to suit where it stands), {@code $env:NAME} for PowerShell. Only the {@code run:} sink is
 * fixed; an expression in an action's code input (github-script's {@code script:}) or in a callee's input is
 * reported unfixable. All findings of one step are fixed together, since they share its {@code env:}.
 */
final class MoveExpressionToEnvFix implements Fix {

    private static final FixInfo INFO = new FixInfo("template-injection",
            "moves the `${{ }}` expression from the `run:` script into the step's `env:` and reads the variable instead (`\"${NAME}\"` in bash and sh, `$env:NAME` in PowerShell); an expression in another input (github-script's `script:`), a script whose shell is unknown, a quoted YAML script or one with a heredoc is left alone");

    /** Names the runner or GitHub set, which a step variable must not shadow. */
    private static final Set<String> RESERVED = Set.of("CI", "HOME", "PATH", "SHELL", "PWD", "USER", "TEMP", "TMP");

    private enum Shell { POSIX, PWSH }

    private enum Quoting { NONE, DOUBLE, SINGLE }

    @Override
    public FixInfo info() {
        return INFO;
    }

    @Override
    public List<PlannedFix> plan(EditableWorkflow workflow, List<Finding> findings, FixOptions options) {
        List<PlannedFix> planned = new ArrayList<>();
        Map<Workflow.StepInJob, List<Finding>> bySteps = new LinkedHashMap<>();
        for (Finding finding : findings) {
            Optional<Workflow.StepInJob> step = workflow.workflow().steps()
                    .filter(s -> s.step().run().map(run -> contains(workflow, run, finding.line())).orElse(false))
                    .findFirst();
            if (step.isEmpty()) {
                planned.add(PlannedFix.unfixable(finding, "the expression is not in a `run:` script (an action input "
                        + "evaluated as code, such as github-script's `script:`, or a callee's input): pass it through "
                        + "`env:` and read the variable in that language by hand"));
            } else {
                bySteps.computeIfAbsent(step.get(), s -> new ArrayList<>()).add(finding);
            }
        }
        bySteps.forEach((step, mine) -> {
            try {
                planned.add(planStep(workflow, step, mine));
            } catch (Refused refused) {
                mine.forEach(f -> planned.add(PlannedFix.unfixable(f, refused.getMessage())));
            }
        });
        return planned;
    }

    /** A step the fix must leave alone, with the reason. */
    private static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private static boolean contains(EditableWorkflow workflow, YamlScalar run, int line) {
        int first = run.style() == YamlScalar.Style.LITERAL ? run.position().line() + 1 : run.position().line();
        int lines = Math.max(1, (int) run.value().lines().count());
        return line >= first && line < first + lines;
    }

    private PlannedFix planStep(EditableWorkflow workflow, Workflow.StepInJob inJob, List<Finding> findings) throws Refused {
        YamlScalar run = inJob.step().run().orElseThrow();
        Shell shell = shell(workflow.workflow(), inJob);
        if (run.style() != YamlScalar.Style.LITERAL && !(run.style() == YamlScalar.Style.PLAIN && !run.value().contains("\n"))) {
            throw new Refused("the `run:` script is a " + run.style().name().toLowerCase(Locale.ROOT).replace('_', '-')
                    + " scalar; the fixer edits literal blocks (`|`) and one-line plain scripts");
        }
        String text = workflow.text();
        int scriptStart = run.style() == YamlScalar.Style.LITERAL
                ? workflow.lineStart(run.position().line() + 1) : workflow.offset(run.position());
        Map<String, YamlNode> scope = workflow.workflow().envInScope(inJob.job(), inJob.step());
        Optional<YamlNode> stepEnv = inJob.step().node().get("env");
        if (stepEnv.isPresent() && !(stepEnv.get() instanceof YamlMapping)) {
            throw new Refused("the step's `env:` is not a mapping");
        }
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> added = new LinkedHashMap<>();
        List<TextEdit> edits = new ArrayList<>();
        for (Finding finding : findings) {
            int at = workflow.offset(new Position(finding.line(), finding.column()));
            int lineEnd = workflow.lineStart(finding.line()) + workflow.line(finding.line()).length();
            int close = text.indexOf("}}", at);
            if (!text.startsWith("${{", at) || close < 0 || close + 2 > lineEnd) {
                throw new Refused("the expression at line " + finding.line() + " is not a one-line `${{ }}` the fixer can find");
            }
            if (run.style() == YamlScalar.Style.PLAIN && at == scriptStart) {
                throw new Refused("the one-line script starts with the expression; quoting it would change the YAML");
            }
            String raw = text.substring(at, close + 2);
            String expression = raw.substring(3, raw.length() - 2).strip();
            String name = names.computeIfAbsent(expression, e -> existing(stepEnv, raw)
                    .orElseGet(() -> freshName(e, scope.keySet(), added.keySet())));
            if (!scope.containsKey(name) && !added.containsKey(name)) {
                added.put(name, raw);
            }
            Quoting quoting = quoting(text, scriptStart, at, shell);
            edits.add(new TextEdit(at, close + 2, reference(name, shell, quoting, text, close + 2)));
        }
        List<Map.Entry<String, String>> entries = added.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), yamlValue(e.getValue()))).toList();
        if (stepEnv.isPresent()) {
            for (Map.Entry<String, String> entry : entries) {
                edits.add(workflow.addEntry((YamlMapping) stepEnv.get(), null, entry.getKey(), Optional.of(entry.getValue()), List.of())
                        .orElseThrow(() -> new Refused("the step's `env:` has a shape the fixer does not edit")));
            }
        } else if (!entries.isEmpty()) {
            edits.add(workflow.addEntry(inJob.step().node(), null, "env", Optional.empty(), entries)
                    .orElseThrow(() -> new Refused("the step's mapping has a shape the fixer does not edit")));
        }
        String description = "step '" + inJob.step().label() + "': " + names.entrySet().stream()
                .map(e -> "${{ " + e.getKey() + " }} moved to env " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("");
        return new PlannedFix.Edits(findings.getFirst(), edits, description, findings.subList(1, findings.size()));
    }

    private static Shell shell(Workflow workflow, Workflow.StepInJob inJob) throws Refused {
        Optional<String> shell = inJob.step().shell()
                .or(() -> inJob.job().flatMap(j -> defaultShell(j.node())))
                .or(() -> defaultShell(workflow.root()));
        if (shell.isEmpty()) {
            String runsOn = inJob.job().flatMap(Job::runsOn).filter(YamlScalar.class::isInstance)
                    .map(n -> ((YamlScalar) n).value()).orElse("");
            if (runsOn.contains("${{") || runsOn.isEmpty()) {
                throw new Refused("the script's shell depends on the runner (`runs-on` is not a plain label); "
                        + "set `shell:` on the step first");
            }
            return runsOn.toLowerCase(Locale.ROOT).contains("windows") ? Shell.PWSH : Shell.POSIX;
        }
        String program = shell.get().strip().split("\\s+")[0];
        return switch (program) {
            case "bash", "sh" -> Shell.POSIX;
            case "pwsh", "powershell" -> Shell.PWSH;
            default -> throw new Refused("the step runs in `" + program + "`, which the fixer does not quote for");
        };
    }

    private static Optional<String> defaultShell(YamlMapping node) {
        return node.mapping("defaults").flatMap(d -> d.mapping("run")).flatMap(r -> r.text("shell"));
    }

    /** The quoting in force at {@code at}, reading the script from its start; refuses heredocs and here-strings. */
    private static Quoting quoting(String text, int from, int at, Shell shell) throws Refused {
        Quoting state = Quoting.NONE;
        for (int i = from; i < at; i++) {
            char c = text.charAt(i);
            boolean escapes = shell == Shell.POSIX ? c == '\\' : c == '`';
            if (state == Quoting.NONE && (shell == Shell.POSIX ? text.startsWith("<<", i)
                    : text.startsWith("@\"", i) || text.startsWith("@'", i))) {
                throw new Refused("the script uses a heredoc or here-string before the expression, where quoting differs");
            }
            if (escapes && state != Quoting.SINGLE) {
                i++;
            } else if (c == '#' && state == Quoting.NONE && (i == from || Character.isWhitespace(text.charAt(i - 1)))) {
                int eol = text.indexOf('\n', i);
                i = eol < 0 || eol >= at ? at : eol;
            } else if (c == '"' && state != Quoting.SINGLE) {
                state = state == Quoting.DOUBLE ? Quoting.NONE : Quoting.DOUBLE;
            } else if (c == '\'' && state != Quoting.DOUBLE) {
                state = state == Quoting.SINGLE ? Quoting.NONE : Quoting.SINGLE;
            }
        }
        return state;
    }

    private static String reference(String name, Shell shell, Quoting quoting, String text, int after) throws Refused {
        if (shell == Shell.PWSH) {
            if (quoting == Quoting.SINGLE) {
                throw new Refused("the expression is inside a single-quoted PowerShell string, which does not expand variables");
            }
            boolean joined = after < text.length() && (Character.isLetterOrDigit(text.charAt(after))
                    || text.charAt(after) == '_' || text.charAt(after) == ':');
            return joined ? "${env:" + name + "}" : "$env:" + name;
        }
        return switch (quoting) {
            case NONE -> "\"${" + name + "}\"";
            case DOUBLE -> "${" + name + "}";
            case SINGLE -> "'\"${" + name + "}\"'";
        };
    }

    /** The name an identical {@code NAME: ${{ expr }}} already has in the step's env. */
    private static Optional<String> existing(Optional<YamlNode> stepEnv, String raw) {
        String wanted = raw.replaceAll("\\s+", "");
        return stepEnv.map(YamlMapping.class::cast).stream().flatMap(m -> m.entries().stream())
                .filter(e -> e.value() instanceof YamlScalar s && s.value().replaceAll("\\s+", "").equals(wanted))
                .map(e -> e.key().value()).findFirst();
    }

    /** An upper-snake name from the expression ({@code github.event.issue.title} → {@code ISSUE_TITLE}), unused in scope. */
    static String freshName(String expression, Set<String> inScope, Set<String> taken) {
        String base = expression.replaceFirst("^github\\.event\\.", "").replaceFirst("^github\\.", "")
                .replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+|_+$", "").toUpperCase(Locale.ROOT);
        if (base.isEmpty() || Character.isDigit(base.charAt(0))) {
            base = "VALUE_" + base;
        }
        if (base.length() > 48) {
            base = base.substring(base.length() - 48).replaceAll("^_+", "");
        }
        if (RESERVED.contains(base) || base.startsWith("GITHUB_") || base.startsWith("RUNNER_") || base.startsWith("ACTIONS_")) {
            base = "UNTRUSTED_" + base;
        }
        String name = base;
        for (int n = 2; inScope.contains(name) || taken.contains(name); n++) {
            name = base + "_" + n;
        }
        return name;
    }

    /** The expression as a YAML value: plain unless its text would end a plain scalar. */
    private static String yamlValue(String raw) {
        return raw.contains(": ") || raw.contains(" #") ? "'" + raw.replace("'", "''") + "'" : raw;
    }
}
