package dev.tokenwarden.auditor.domain.yaml;

import java.util.ArrayList;
import java.util.List;

/** Walks over a YAML tree. */
public final class YamlTrees {

    private YamlTrees() {
    }

    /** Every scalar value under {@code node} (mapping keys excluded), in document order. */
    public static List<YamlScalar> scalarValues(YamlNode node) {
        List<YamlScalar> found = new ArrayList<>();
        collect(node, found);
        return found;
    }

    private static void collect(YamlNode node, List<YamlScalar> found) {
        switch (node) {
            case YamlScalar scalar -> found.add(scalar);
            case YamlSequence sequence -> sequence.items().forEach(item -> collect(item, found));
            case YamlMapping mapping -> mapping.entries().forEach(e -> collect(e.value(), found));
        }
    }
}
