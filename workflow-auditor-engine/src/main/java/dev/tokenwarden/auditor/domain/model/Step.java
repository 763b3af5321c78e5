package dev.tokenwarden.auditor.domain.model;

import java.util.Optional;

import dev.tokenwarden.auditor.domain.yaml.Position;
import dev.tokenwarden.auditor.domain.yaml.YamlMapping;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/** One step of a job or of a composite action. {@code index} starts at 0. */
public record Step(int index, YamlMapping node) {

    public Position position() {
        return node.position();
    }

    public Optional<YamlScalar> uses() {
        return node.scalar("uses");
    }

    public Optional<UsesRef> usesRef() {
        return uses().flatMap(u -> UsesRef.parse(u.value()));
    }

    public Optional<YamlScalar> run() {
        return node.scalar("run");
    }

    public Optional<YamlMapping> with() {
        return node.mapping("with");
    }

    public Optional<YamlMapping> env() {
        return node.mapping("env");
    }

    public Optional<YamlScalar> ifCondition() {
        return node.scalar("if");
    }

    public Optional<String> shell() {
        return node.text("shell");
    }

    /** A readable name: the step's {@code name}, {@code id}, {@code uses} or its number. */
    public String label() {
        return node.text("name").or(() -> node.text("id")).or(() -> uses().map(YamlScalar::value))
                .orElse("step " + (index + 1));
    }
}
