package dev.tokenwarden.auditor.domain.yaml;

/**
 * Bounds on untrusted YAML: the raw size is checked before parsing, the rest while composing and
 * converting, so an alias bomb or a deeply nested document ends in a clear error, not an exhausted heap
 * or stack.
 */
public record YamlLimits(int maxBytes, int maxAliases, int maxDepth, int maxNodes) {

    public static final int DEFAULT_MAX_BYTES = 1024 * 1024;

    public static YamlLimits defaults() {
        return new YamlLimits(DEFAULT_MAX_BYTES, 50, 64, 200_000);
    }

    public YamlLimits withMaxBytes(int bytes) {
        return new YamlLimits(bytes, maxAliases, maxDepth, maxNodes);
    }

    public YamlLimits {
        if (maxBytes < 1 || maxAliases < 0 || maxDepth < 1 || maxNodes < 1) {
            throw new IllegalArgumentException("YAML limits must be positive");
        }
    }
}
