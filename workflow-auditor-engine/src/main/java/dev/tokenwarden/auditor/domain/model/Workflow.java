package dev.tokenwarden.auditor.domain.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.tokenwarden.auditor.domain.yaml.SourceText;
import dev.tokenwarden.auditor.domain.yaml.YamlMapping;
import dev.tokenwarden.auditor.domain.yaml.YamlNode;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/**
 * A parsed workflow ({@code .github/workflows/*.yml}) or composite action ({@code action.yml}), over the
 * position-keeping YAML tree. An action has no triggers and no jobs; its steps are {@link #actionSteps()}.
 */
public record Workflow(Kind kind, SourceText source, YamlMapping root, List<Trigger> triggers, List<Job> jobs,
                       List<Step> actionSteps) {

    public enum Kind { WORKFLOW, ACTION }

    public record Trigger(YamlScalar event, Optional<YamlNode> config) {
        public String name() {
            return event.value();
        }
    }

    /** A step with the job it runs in; {@code job} is empty for a composite action's steps. */
    public record StepInJob(Optional<Job> job, Step step) {
    }

    public Workflow {
        triggers = List.copyOf(triggers);
        jobs = List.copyOf(jobs);
        actionSteps = List.copyOf(actionSteps);
    }

    public String file() {
        return source.path();
    }

    public boolean isTriggeredBy(String event) {
        return triggers.stream().anyMatch(t -> t.name().equals(event));
    }

    public Optional<YamlNode> permissions() {
        return root.get("permissions");
    }

    public Optional<YamlMapping> env() {
        return root.mapping("env");
    }

    public Stream<StepInJob> steps() {
        Stream<StepInJob> jobSteps = jobs.stream()
                .flatMap(job -> job.steps().stream().map(step -> new StepInJob(Optional.of(job), step)));
        return Stream.concat(jobSteps, actionSteps.stream().map(step -> new StepInJob(Optional.empty(), step)));
    }

    /** Every {@code uses:} of the file: its steps' (actions) first, then its jobs' (reusable workflows). */
    public Stream<YamlScalar> usesReferences() {
        return Stream.concat(steps().flatMap(s -> s.step().uses().stream()), jobs.stream().flatMap(job -> job.uses().stream()));
    }

    /** The environment variables visible to a step: workflow, then job, then step, later ones winning. */
    public Map<String, YamlNode> envInScope(Optional<Job> job, Step step) {
        Map<String, YamlNode> env = new LinkedHashMap<>();
        List<Optional<YamlMapping>> layers = new ArrayList<>();
        layers.add(env());
        layers.add(job.flatMap(Job::env));
        layers.add(step.env());
        for (Optional<YamlMapping> layer : layers) {
            layer.ifPresent(mapping -> mapping.entries().forEach(e -> env.put(e.key().value(), e.value())));
        }
        return env;
    }
}
