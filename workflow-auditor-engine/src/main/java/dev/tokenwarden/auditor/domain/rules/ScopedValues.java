package dev.tokenwarden.auditor.domain.rules;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.tokenwarden.auditor.domain.expr.ContextPath;
import dev.tokenwarden.auditor.domain.expr.Template;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.Position;
import dev.tokenwarden.auditor.domain.yaml.YamlNode;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/** Which environment variables in a step's scope carry a given kind of value (secrets, untrusted text). */
final class ScopedValues {

    private ScopedValues() {
    }

    /**
     * A {@code run:} line that uses a value of the wanted kind, {@code direct}ly through {@code ${{ }}} or
     * through an environment variable in the step's scope.
     */
    record CarryingLine(YamlScalar run, ShellScript.Line line, boolean direct, Position position) {
    }

    static Stream<CarryingLine> runLinesCarrying(Workflow workflow, Predicate<ContextPath> kind) {
        return workflow.steps().flatMap(s -> s.step().run().stream().flatMap(run -> {
            Set<String> variables = variablesCarrying(workflow.envInScope(s.job(), s.step()), kind);
            return ShellScript.lines(run.value()).stream().flatMap(line -> {
                boolean direct = carries(line.text(), kind);
                boolean viaEnv = ShellScript.variables(line.text()).stream().anyMatch(variables::contains);
                return direct || viaEnv
                        ? Stream.of(new CarryingLine(run, line, direct, workflow.source().positionOf(run, line.offset())))
                        : Stream.empty();
            });
        }));
    }

    /** Names of the variables whose value expands an expression with a matching value source. */
    static Set<String> variablesCarrying(Map<String, YamlNode> env, Predicate<ContextPath> kind) {
        Set<String> names = new LinkedHashSet<>();
        env.forEach((name, value) -> {
            if (value instanceof YamlScalar scalar && carries(scalar.value(), kind)) {
                names.add(name);
            }
        });
        return names;
    }

    static boolean carries(String text, Predicate<ContextPath> kind) {
        return firstCarried(text, kind).isPresent();
    }

    static Optional<ContextPath> firstCarried(String text, Predicate<ContextPath> kind) {
        for (Template template : Template.findAll(text)) {
            List<ContextPath> sources = template.valueSources();
            for (ContextPath source : sources) {
                if (kind.test(source)) {
                    return Optional.of(source);
                }
            }
        }
        return Optional.empty();
    }
}
