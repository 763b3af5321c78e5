package dev.tokenwarden.auditor.domain.yaml;

import java.util.List;

public record YamlSequence(List<YamlNode> items, Position position) implements YamlNode {

    public YamlSequence {
        items = List.copyOf(items);
    }

    @Override
    public String shape() {
        return "sequence";
    }
}
