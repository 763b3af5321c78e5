package dev.tokenwarden.auditor.domain.model;

import java.util.List;
import java.util.Optional;

import dev.tokenwarden.auditor.domain.yaml.Position;
import dev.tokenwarden.auditor.domain.yaml.YamlMapping;
import dev.tokenwarden.auditor.domain.yaml.YamlNode;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/** A job under {@code jobs:}; {@code idKey} is its key (the job id) with its position. */
public record Job(YamlScalar idKey, YamlMapping node, List<Step> steps) {

    public Job {
        steps = List.copyOf(steps);
    }

    public String id() {
        return idKey.value();
    }

    public Position position() {
        return idKey.position();
    }

    public Optional<YamlNode> permissions() {
        return node.get("permissions");
    }

    public Optional<YamlNode> timeoutMinutes() {
        return node.get("timeout-minutes");
    }

    public Optional<YamlNode> environment() {
        return node.get("environment").filter(e -> !(e instanceof YamlScalar s && s.isNull()));
    }

    public Optional<YamlNode> runsOn() {
        return node.get("runs-on");
    }

    public Optional<YamlScalar> ifCondition() {
        return node.scalar("if");
    }

    /** The reusable workflow a job calls, if it is a calling job ({@code jobs.<id>.uses}). */
    public Optional<YamlScalar> uses() {
        return node.scalar("uses");
    }

    public Optional<YamlMapping> env() {
        return node.mapping("env");
    }

    public Optional<YamlNode> container() {
        return node.get("container");
    }

    public Optional<YamlMapping> services() {
        return node.mapping("services");
    }

    public Optional<YamlNode> secrets() {
        return node.get("secrets");
    }
}
