package dev.tokenwarden.auditor.domain.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.tokenwarden.auditor.domain.expr.ContextPath;
import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Step;
import dev.tokenwarden.auditor.domain.model.UsesRef;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/**
 * The taint model as data ({@code taint-model.txt}, explained in {@code docs/rules/taint-model.md}): which
 * contexts outsiders choose under which events, which action outputs pass such text on, and which action
 * inputs are code. This class only reads the table and answers for one workflow's events.
 */
final class TaintModel {

    /** An event and what a run of it can do; see the flags in the data file. */
    record Trigger(String event, Severity severity, boolean dangerous, boolean outsider, boolean inherits) {
    }

    /** Where outsiders choose a value: the events that fill it, and how sure that is under each. */
    private record Source(ContextPath context, Map<String, Confidence> events) {
    }

    private record ActionOutput(String action, String output, Map<String, Confidence> events) {
    }

    /**
     * An attacker-controlled value as it reaches some place: the context it comes from ({@code traced}) or the
     * output the auditor could not follow, how bad and how sure, whether an event of the workflow fills it
     * ({@code filled}), and the caller's input it entered through.
     */
    record Taint(String source, Severity severity, Confidence confidence, boolean traced, boolean filled,
                 Optional<String> input) {

        /** The same value after a step that passes it on; an inexact step may have checked or changed it. */
        Taint via(boolean exact) {
            return exact ? this : new Taint(source, severity, lower(confidence), traced, filled, input);
        }

        Taint throughInput(String name) {
            return new Taint(source, severity, confidence, traced, filled, Optional.of(name));
        }
    }

    static final String RESOURCE = "taint-model.txt";
    /** Orders taints by confidence, then severity: the one to report when several apply. */
    static final Comparator<Taint> WORST = Comparator.comparing(Taint::confidence).thenComparing(Taint::severity);
    private static final TaintModel BUNDLED = load();

    private final Map<String, Trigger> triggers;
    private final List<Source> sources;
    private final List<ActionOutput> outputs;
    private final Map<String, Set<String>> sinks;

    private TaintModel(Map<String, Trigger> triggers, List<Source> sources, List<ActionOutput> outputs,
                       Map<String, Set<String>> sinks) {
        this.triggers = triggers;
        this.sources = sources;
        this.outputs = outputs;
        this.sinks = sinks;
    }

    static TaintModel bundled() {
        return BUNDLED;
    }

    private static TaintModel load() {
        try (InputStream in = TaintModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TaintModel parse(String text) {
        Map<String, List<String>> groups = new HashMap<>();
        Map<String, Trigger> triggers = new LinkedHashMap<>();
        List<Source> sources = new ArrayList<>();
        List<ActionOutput> outputs = new ArrayList<>();
        Map<String, Set<String>> sinks = new HashMap<>();
        int number = 0;
        for (String line : text.split("\n")) {
            number++;
            String[] f = line.strip().split("\\s+");
            if (line.isBlank() || f[0].startsWith("#")) {
                continue;
            }
            int at = number;
            switch (f[0]) {
                case "group" -> groups.put(f[1], List.of(f).subList(2, f.length));
                case "trigger" -> {
                    Set<String> flags = Set.copyOf(List.of(f).subList(3, f.length));
                    triggers.put(f[1], new Trigger(f[1], Severity.parse(f[2]).orElseThrow(() -> bad(at, "severity " + f[2])),
                            flags.contains("dangerous"), flags.contains("outsider"), flags.contains("inherits")));
                }
                case "source" -> sources.add(new Source(ContextPath.of(f[1]), events(f, 2, groups, triggers, at)));
                case "output" -> outputs.add(new ActionOutput(f[1].toLowerCase(Locale.ROOT), f[2], events(f, 3, groups, triggers, at)));
                case "sink" -> sinks.computeIfAbsent(f[1].toLowerCase(Locale.ROOT), k -> new HashSet<>()).add(f[2]);
                default -> throw bad(at, "unknown kind '" + f[0] + "'");
            }
        }
        Map<String, Set<String>> frozenSinks = new HashMap<>();
        sinks.forEach((action, inputs) -> frozenSinks.put(action, Set.copyOf(inputs)));
        return new TaintModel(Map.copyOf(triggers), List.copyOf(sources), List.copyOf(outputs), Map.copyOf(frozenSinks));
    }

    /** The {@code <events>=<confidence>} fields; every event must have a {@code trigger} line above. */
    private static Map<String, Confidence> events(String[] fields, int from, Map<String, List<String>> groups,
                                                  Map<String, Trigger> triggers, int line) {
        Map<String, Confidence> events = new HashMap<>();
        for (int i = from; i < fields.length; i++) {
            String[] pair = fields[i].split("=", 2);
            if (pair.length != 2) {
                throw bad(line, "expected <events>=<confidence>, found '" + fields[i] + "'");
            }
            Confidence confidence = Confidence.valueOf(pair[1].toUpperCase(Locale.ROOT));
            List<String> names = pair[0].startsWith("@")
                    ? Optional.ofNullable(groups.get(pair[0].substring(1))).orElseThrow(() -> bad(line, "unknown group " + pair[0]))
                    : List.of(pair[0].split(","));
            for (String name : names) {
                if (!triggers.containsKey(name)) {
                    throw bad(line, "event '" + name + "' has no trigger line");
                }
                events.merge(name, confidence, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        return events;
    }

    private static IllegalArgumentException bad(int line, String what) {
        return new IllegalArgumentException(RESOURCE + " line " + line + ": " + what);
    }

    Optional<Trigger> trigger(String event) {
        return Optional.ofNullable(triggers.get(event));
    }

    /** The workflow's events that dangerous-triggers reports by themselves. */
    List<Workflow.Trigger> dangerous(Workflow workflow) {
        return workflow.triggers().stream().filter(t -> trigger(t.name()).map(Trigger::dangerous).orElse(false)).toList();
    }

    /**
     * The context as an attacker-controlled source under the workflow's events. A path inside a listed
     * context ({@code github.event.issue.title}) counts at the listed confidence; an object that contains one
     * ({@code toJSON(github.event.issue)}) one step lower.
     */
    Optional<Taint> source(ContextPath path, Workflow workflow) {
        Optional<Taint> inside = sources.stream().filter(source -> path.within(source.context()))
                .map(source -> classify(path.toString(), source.events(), workflow, false)).max(WORST);
        if (inside.isPresent() || path.segments().size() < 2) {
            return inside;
        }
        return sources.stream().filter(source -> path.contains(source.context()))
                .map(source -> classify(path.toString(), source.events(), workflow, true)).max(WORST);
    }

    /** True when some event of some workflow can fill the context: the classification without the workflow. */
    boolean isSource(ContextPath path) {
        return sources.stream().anyMatch(s -> path.within(s.context()) || path.segments().size() >= 2 && path.contains(s.context()));
    }

    /** An output of a listed action that passes outsiders' text on, under the workflow's events. */
    Optional<Taint> actionOutput(UsesRef uses, String output, Workflow workflow) {
        return outputs.stream()
                .filter(o -> uses.kind() == UsesRef.Kind.REPOSITORY && uses.action().equals(o.action()))
                .filter(o -> o.output().equals(ContextPath.ANY) || o.output().equalsIgnoreCase(output))
                .findFirst()
                .map(o -> classify("the `" + output + "` output of " + uses.action(), o.events(), workflow, false));
    }

    /** Code in a step, and how a message names it. */
    record Sink(YamlScalar code, String name) {
    }

    /** The step's code: its {@code run:} and the inputs its action evaluates ({@code sink} lines). */
    List<Sink> sinks(Step step) {
        List<Sink> found = new ArrayList<>();
        step.run().ifPresent(run -> found.add(new Sink(run, "a `run:` script")));
        step.usesRef().filter(uses -> uses.kind() == UsesRef.Kind.REPOSITORY).ifPresent(uses ->
                sinks.getOrDefault(uses.action(), Set.of()).forEach(input -> step.with().flatMap(w -> w.scalar(input))
                        .ifPresent(code -> found.add(new Sink(code, "`" + input + "` of " + uses.action() + ", which runs it as code")))));
        return found;
    }

    /**
     * A value whose origin the auditor cannot see (an action's output, a script's): low confidence, and only
     * where outsiders can start the run at all.
     */
    Optional<Taint> unknown(String origin, Workflow workflow) {
        if (workflow.kind() == Workflow.Kind.WORKFLOW && workflow.triggers().stream()
                .noneMatch(t -> trigger(t.name()).map(Trigger::outsider).orElse(false))) {
            return Optional.empty();
        }
        return Optional.of(new Taint(origin, worstSeverity(workflow), Confidence.LOW, false, true, Optional.empty()));
    }

    /**
     * Under the workflow's own events the listed confidence and that event's severity; where the workflow
     * inherits its caller's event (a reusable workflow, a composite action) medium at most; where none of its
     * events fills the context, low: the value is empty unless the model is wrong.
     */
    private Taint classify(String origin, Map<String, Confidence> events, Workflow workflow, boolean container) {
        Optional<Severity> severity = Optional.empty();
        Optional<Confidence> confidence = Optional.empty();
        for (Workflow.Trigger t : workflow.triggers()) {
            Confidence listed = events.get(t.name());
            if (listed != null) {
                Severity s = trigger(t.name()).map(Trigger::severity).orElse(Severity.MEDIUM);
                severity = Optional.of(severity.filter(current -> current.atLeast(s)).orElse(s));
                confidence = Optional.of(confidence.filter(current -> current.compareTo(listed) >= 0).orElse(listed));
            }
        }
        if (confidence.isEmpty() && inheritsEvent(workflow)) {
            severity = Optional.of(Severity.HIGH);
            confidence = Optional.of(Confidence.MEDIUM);
        }
        Confidence result = confidence.orElse(Confidence.LOW);
        return new Taint(origin, severity.orElseGet(() -> worstSeverity(workflow)), container ? lower(result) : result, true,
                confidence.isPresent(), Optional.empty());
    }

    private boolean inheritsEvent(Workflow workflow) {
        return workflow.kind() == Workflow.Kind.ACTION
                || workflow.triggers().stream().anyMatch(t -> trigger(t.name()).map(Trigger::inherits).orElse(false));
    }

    private Severity worstSeverity(Workflow workflow) {
        if (workflow.kind() == Workflow.Kind.ACTION) {
            return Severity.HIGH;
        }
        return workflow.triggers().stream().map(t -> trigger(t.name()).map(Trigger::severity).orElse(Severity.MEDIUM))
                .max(Comparator.naturalOrder()).orElse(Severity.MEDIUM);
    }

    static Confidence lower(Confidence confidence) {
        return confidence == Confidence.HIGH ? Confidence.MEDIUM : Confidence.LOW;
    }
}
