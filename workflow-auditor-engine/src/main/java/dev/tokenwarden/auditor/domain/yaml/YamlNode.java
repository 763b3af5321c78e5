package dev.tokenwarden.auditor.domain.yaml;

/** A YAML node with the position it started at; the tree rules read instead of plain maps. */
public sealed interface YamlNode permits YamlScalar, YamlMapping, YamlSequence {

    Position position();

    /** A short name of the node's shape for error messages. */
    String shape();
}
