package dev.tokenwarden.auditor.domain.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.tokenwarden.auditor.domain.expr.ContextPath;
import dev.tokenwarden.auditor.domain.expr.Template;
import dev.tokenwarden.auditor.domain.model.Job;
import dev.tokenwarden.auditor.domain.model.Repository;
import dev.tokenwarden.auditor.domain.model.Step;
import dev.tokenwarden.auditor.domain.model.UsesRef;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.rules.TaintModel.Taint;
import dev.tokenwarden.auditor.domain.yaml.YamlMapping;
import dev.tokenwarden.auditor.domain.yaml.YamlNode;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;
import dev.tokenwarden.auditor.domain.yaml.YamlSequence;

/**
 * Follows attacker-controlled values through one workflow or composite action, as {@code docs/rules/taint-model.md}
 * describes: {@code env:} at every level, step outputs written to {@code GITHUB_OUTPUT}, job outputs read
 * through {@code needs}, matrix values, and inputs. For a callee (a local composite action or reusable
 * workflow) only the inputs its caller fills with tainted values count, under the caller's events.
 */
final class TaintFlow {

    /** Where an expression is evaluated: a job (absent in an action) and a step (absent for job outputs). */
    record Scope(Optional<Job> job, Optional<Step> step) {
        static Scope of(Workflow.StepInJob s) {
            return new Scope(s.job(), Optional.of(s.step()));
        }
    }

    /** One expression source inside a template and the taint it carries there. */
    record Hit(Template template, ContextPath path, Taint taint) {
    }

    /** Input types whose values GitHub checks (boolean, number, an option of a list, an environment's name). */
    private static final Set<String> CHECKED_INPUT_TYPES = Set.of("boolean", "number", "choice", "environment");
    private static final int MAX_DEPTH = 8;

    private final TaintModel model;
    private final Repository repository;
    private final Workflow events;
    private final Workflow workflow;
    private final Optional<Map<String, Taint>> callerInputs;
    private final boolean ownSources;

    private TaintFlow(TaintModel model, Repository repository, Workflow events, Workflow workflow,
                      Optional<Map<String, Taint>> callerInputs, boolean ownSources) {
        this.model = model;
        this.repository = repository;
        this.events = events;
        this.workflow = workflow;
        this.callerInputs = callerInputs;
        this.ownSources = ownSources;
    }

    /** The flow in a workflow or action; {@code repository} resolves the local actions its steps use. */
    static TaintFlow of(Workflow workflow, Repository repository) {
        return new TaintFlow(TaintModel.bundled(), repository, workflow, workflow, Optional.empty(), true);
    }

    /**
     * The flow inside a callee whose inputs, keyed by lower-case name, this workflow fills with tainted values.
     * Only those inputs are sources there: the callee's own sources are its own findings.
     */
    TaintFlow callee(Workflow callee, Map<String, Taint> inputs) {
        return new TaintFlow(model, repository, events, callee, Optional.of(inputs), false);
    }

    /** The taint of each {@code with:} value, by lower-case input name, for a callee. */
    Map<String, Taint> inputs(Optional<YamlMapping> with, Scope scope) {
        Map<String, Taint> tainted = new LinkedHashMap<>();
        with.ifPresent(w -> w.entries().forEach(e -> {
            if (e.value() instanceof YamlScalar value) {
                hits(value.value(), scope).stream().map(Hit::taint).max(TaintModel.WORST)
                        .ifPresent(taint -> tainted.put(e.key().value().toLowerCase(Locale.ROOT), taint));
            }
        }));
        return tainted;
    }

    /** Every value source in the text's templates that carries taint. */
    List<Hit> hits(String text, Scope scope) {
        List<Hit> hits = new ArrayList<>();
        for (Template template : Template.findAll(text)) {
            for (ContextPath path : template.valueSources()) {
                resolve(path, scope, 0).ifPresent(taint -> hits.add(new Hit(template, path, taint)));
            }
        }
        return hits;
    }

    /**
     * The worst taint a script line carries: an expanded template as it is, a variable of the step's
     * environment one confidence step lower (the script may have checked or transformed it).
     */
    Optional<Taint> lineTaint(String line, Scope scope) {
        return lineTaint(line, scope, 0);
    }

    private Optional<Taint> lineTaint(String line, Scope scope, int depth) {
        Optional<Taint> direct = carried(line, scope, depth);
        if (direct.isPresent()) {
            return direct;
        }
        Map<String, YamlNode> env = env(scope);
        return ShellScript.variables(line).stream()
                .flatMap(name -> Optional.ofNullable(env.get(name)).stream())
                .flatMap(value -> value instanceof YamlScalar s ? carried(s.value(), scope, depth + 1).stream() : Stream.empty())
                .map(taint -> taint.via(false))
                .max(TaintModel.WORST);
    }

    private Optional<Taint> carried(String text, Scope scope, int depth) {
        return Template.findAll(text).stream().flatMap(t -> t.valueSources().stream())
                .flatMap(path -> resolve(path, scope, depth + 1).stream())
                .max(TaintModel.WORST);
    }

    private Optional<Taint> resolve(ContextPath path, Scope scope, int depth) {
        if (depth > MAX_DEPTH) {
            return Optional.empty();
        }
        List<String> s = path.segments();
        String root = path.root();
        if (root.equals("env") && s.size() >= 2) {
            return find(env(scope), s.get(1)).flatMap(value -> value instanceof YamlScalar scalar
                    ? carried(scalar.value(), scope, depth) : Optional.empty());
        }
        if (root.equals("steps") && s.size() >= 4 && s.get(2).equals("outputs")) {
            return stepOutput(s.get(1), s.get(3), scope, depth);
        }
        if (root.equals("needs") && s.size() >= 4 && s.get(2).equals("outputs")) {
            return jobOutput(s.get(1), s.get(3), depth);
        }
        if (root.equals("matrix") && s.size() >= 2) {
            return matrix(s.get(1), scope, depth);
        }
        boolean input = root.equals("inputs") || s.size() >= 3 && s.get(1).equals("event") && s.get(2).equals("inputs");
        if (input) {
            int at = root.equals("inputs") ? 1 : 3;
            Optional<String> name = s.size() > at ? Optional.of(s.get(at)) : Optional.empty();
            if (callerInputs.isPresent()) {
                return name.flatMap(n -> Optional.ofNullable(callerInputs.get().get(n)).map(t -> t.throughInput(n)));
            }
            if (name.map(this::checkedInput).orElse(false)) {
                return Optional.empty();
            }
        }
        return ownSources ? model.source(path, events) : Optional.empty();
    }

    private Optional<Taint> stepOutput(String id, String output, Scope scope, int depth) {
        String origin = "steps." + id + ".outputs." + output;
        List<Step> steps = scope.job().map(Job::steps).orElse(workflow.actionSteps());
        Optional<Step> step = steps.stream().filter(st -> st.node().text("id").map(i -> i.equalsIgnoreCase(id)).orElse(false)).findFirst();
        if (step.isEmpty()) {
            return unknown(origin);
        }
        Optional<YamlScalar> run = step.get().run();
        if (run.isPresent()) {
            List<String> writes = ShellScript.lines(run.get().value()).stream().map(ShellScript.Line::text)
                    .filter(l -> ShellScript.commandFileTarget(l).filter("GITHUB_OUTPUT"::equals).isPresent()).toList();
            if (writes.isEmpty()) {
                return unknown(origin);
            }
            Pattern named = Pattern.compile("(?i)(?<![\\w-])" + Pattern.quote(output) + "(=|<<)");
            List<String> candidates = writes.stream().filter(l -> named.matcher(l).find()).toList();
            if (candidates.isEmpty()) {
                candidates = writes.stream().filter(l -> !l.matches(".*[\\w-]+(=|<<).*")).toList();
            }
            Scope stepScope = new Scope(scope.job(), step);
            return candidates.stream().flatMap(l -> lineTaint(l, stepScope, depth).stream())
                    .max(TaintModel.WORST);
        }
        Optional<UsesRef> uses = step.get().usesRef();
        if (uses.isPresent() && ownSources) {
            Optional<Taint> listed = model.actionOutput(uses.get(), output, events);
            if (listed.isPresent()) {
                return listed;
            }
        }
        Optional<Workflow> action = uses.flatMap(repository::resolve).filter(w -> w.kind() == Workflow.Kind.ACTION);
        if (action.isPresent()) {
            return actionOutput(action.get(), output, step.get(), new Scope(scope.job(), step), depth);
        }
        return unknown(origin);
    }

    /**
     * An output of a local composite action: its {@code value:} expression inside the action, where the step's
     * {@code with:} values are the inputs and this workflow's events (and sources) still hold.
     */
    private Optional<Taint> actionOutput(Workflow action, String output, Step step, Scope scope, int depth) {
        Optional<YamlNode> declared = action.root().mapping("outputs").flatMap(o -> find(entries(o), output))
                .flatMap(o -> o instanceof YamlMapping m ? m.get("value") : Optional.empty());
        if (declared.isEmpty() || !(declared.get() instanceof YamlScalar value)) {
            return unknown("the `" + output + "` output of " + action.file());
        }
        TaintFlow inside = new TaintFlow(model, repository, events, action, Optional.of(inputs(step.with(), scope)), ownSources);
        return inside.carried(value.value(), new Scope(Optional.empty(), Optional.empty()), depth + 1);
    }

    private Optional<Taint> jobOutput(String id, String output, int depth) {
        String origin = "needs." + id + ".outputs." + output;
        Optional<Job> job = workflow.jobs().stream().filter(j -> j.id().equalsIgnoreCase(id)).findFirst();
        if (job.isEmpty() || job.get().uses().isPresent()) {
            return unknown(origin);
        }
        Optional<YamlNode> value = job.get().node().mapping("outputs").flatMap(o -> find(entries(o), output));
        if (value.isEmpty() || !(value.get() instanceof YamlScalar scalar)) {
            return unknown(origin);
        }
        return carried(scalar.value(), new Scope(job, Optional.empty()), depth);
    }

    private Optional<Taint> matrix(String key, Scope scope, int depth) {
        Optional<YamlNode> matrix = scope.job().flatMap(j -> j.node().mapping("strategy")).flatMap(st -> st.get("matrix"));
        List<YamlScalar> values = new ArrayList<>();
        matrix.ifPresent(m -> {
            if (m instanceof YamlScalar whole) {
                values.add(whole);
            } else if (m instanceof YamlMapping dimensions) {
                for (YamlMapping.Entry e : dimensions.entries()) {
                    String name = e.key().value().toLowerCase(Locale.ROOT);
                    if (name.equals(key)) {
                        scalars(e.value(), values);
                    } else if (name.equals("include")) {
                        if (e.value() instanceof YamlSequence items) {
                            items.items().forEach(item -> {
                                if (item instanceof YamlMapping combination) {
                                    find(entries(combination), key).ifPresent(v -> scalars(v, values));
                                } else {
                                    scalars(item, values);
                                }
                            });
                        } else {
                            scalars(e.value(), values);
                        }
                    }
                }
            }
        });
        Scope jobScope = new Scope(scope.job(), Optional.empty());
        return values.stream().flatMap(v -> carried(v.value(), jobScope, depth).stream())
                .max(TaintModel.WORST);
    }

    private Optional<Taint> unknown(String origin) {
        return ownSources ? model.unknown(origin, events) : Optional.empty();
    }

    /** True when the workflow declares the input with a type whose values GitHub checks. */
    private boolean checkedInput(String name) {
        return workflow.triggers().stream().flatMap(t -> t.config().stream())
                .flatMap(c -> c instanceof YamlMapping m ? m.mapping("inputs").stream() : Stream.empty())
                .flatMap(inputs -> find(entries(inputs), name).stream())
                .anyMatch(declared -> declared instanceof YamlMapping d
                        && d.text("type").map(type -> CHECKED_INPUT_TYPES.contains(type.toLowerCase(Locale.ROOT))).orElse(false));
    }

    private Map<String, YamlNode> env(Scope scope) {
        Map<String, YamlNode> env = new LinkedHashMap<>();
        Stream.of(workflow.env(), scope.job().flatMap(Job::env), scope.step().flatMap(Step::env))
                .flatMap(Optional::stream)
                .forEach(mapping -> mapping.entries().forEach(e -> env.put(e.key().value(), e.value())));
        return env;
    }

    private static Map<String, YamlNode> entries(YamlMapping mapping) {
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        mapping.entries().forEach(e -> entries.put(e.key().value(), e.value()));
        return entries;
    }

    /** Context property names are case-insensitive. */
    private static Optional<YamlNode> find(Map<String, YamlNode> entries, String name) {
        return entries.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    private static void scalars(YamlNode node, List<YamlScalar> into) {
        switch (node) {
            case YamlScalar s -> into.add(s);
            case YamlSequence seq -> seq.items().forEach(i -> scalars(i, into));
            case YamlMapping m -> m.entries().forEach(e -> scalars(e.value(), into));
        }
    }
}
