package dev.tokenwarden.auditor.domain.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.tokenwarden.auditor.domain.yaml.SourceText;
import dev.tokenwarden.auditor.domain.yaml.YamlInputException;
import dev.tokenwarden.auditor.domain.yaml.YamlMapping;
import dev.tokenwarden.auditor.domain.yaml.YamlNode;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;
import dev.tokenwarden.auditor.domain.yaml.YamlSequence;

/** Recognises a workflow or an action in a YAML tree and builds the model, or says why it cannot. */
public final class WorkflowReader {

    private WorkflowReader() {
    }

    public static Workflow read(YamlNode root, SourceText source) throws YamlInputException {
        if (!(root instanceof YamlMapping mapping)) {
            throw new YamlInputException("not a GitHub Actions workflow: the document is a " + root.shape()
                    + ", not a mapping", root.position());
        }
        if (mapping.has("jobs")) {
            return new Workflow(Workflow.Kind.WORKFLOW, source, mapping, triggers(mapping), jobs(mapping), List.of());
        }
        Optional<YamlMapping> runs = mapping.mapping("runs");
        if (runs.isPresent() && runs.get().has("using")) {
            return new Workflow(Workflow.Kind.ACTION, source, mapping, List.of(), List.of(), steps(runs.get()));
        }
        String keys = mapping.entries().stream().map(e -> e.key().value()).limit(8).collect(Collectors.joining(", "));
        throw new YamlInputException("not a GitHub Actions workflow or action: no 'jobs' mapping and no 'runs.using'"
                + (keys.isEmpty() ? "" : " (top-level keys: " + keys + ")"), mapping.position());
    }

    private static List<Workflow.Trigger> triggers(YamlMapping root) throws YamlInputException {
        Optional<YamlNode> on = root.get("on");
        List<Workflow.Trigger> triggers = new ArrayList<>();
        if (on.isEmpty()) {
            return triggers;
        }
        switch (on.get()) {
            case YamlScalar event -> triggers.add(new Workflow.Trigger(event, Optional.empty()));
            case YamlSequence events -> {
                for (YamlNode event : events.items()) {
                    if (!(event instanceof YamlScalar name)) {
                        throw new YamlInputException("'on' lists an event that is a " + event.shape(), event.position());
                    }
                    triggers.add(new Workflow.Trigger(name, Optional.empty()));
                }
            }
            case YamlMapping events -> events.entries()
                    .forEach(e -> triggers.add(new Workflow.Trigger(e.key(), Optional.of(e.value()))));
        }
        return triggers;
    }

    private static List<Job> jobs(YamlMapping root) throws YamlInputException {
        YamlNode jobsNode = root.get("jobs").orElseThrow();
        if (!(jobsNode instanceof YamlMapping jobs)) {
            throw new YamlInputException("'jobs' must be a mapping of job ids to jobs, not a " + jobsNode.shape(),
                    jobsNode.position());
        }
        List<Job> result = new ArrayList<>();
        for (YamlMapping.Entry entry : jobs.entries()) {
            if (!(entry.value() instanceof YamlMapping job)) {
                throw new YamlInputException("job '" + entry.key().value() + "' must be a mapping, not a "
                        + entry.value().shape(), entry.value().position());
            }
            result.add(new Job(entry.key(), job, steps(job)));
        }
        return result;
    }

    private static List<Step> steps(YamlMapping owner) throws YamlInputException {
        Optional<YamlNode> stepsNode = owner.get("steps");
        if (stepsNode.isEmpty() || stepsNode.get() instanceof YamlScalar s && s.isNull()) {
            return List.of();
        }
        if (!(stepsNode.get() instanceof YamlSequence sequence)) {
            throw new YamlInputException("'steps' must be a list, not a " + stepsNode.get().shape(),
                    stepsNode.get().position());
        }
        List<Step> steps = new ArrayList<>();
        for (YamlNode item : sequence.items()) {
            if (!(item instanceof YamlMapping step)) {
                throw new YamlInputException("a step must be a mapping, not a " + item.shape(), item.position());
            }
            steps.add(new Step(steps.size(), step));
        }
        return steps;
    }
}
