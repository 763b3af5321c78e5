package dev.tokenwarden.platform.vault;

import java.util.Map;

/** One version of a KV v2 secret: its number and its string fields. {@link #toString()} names the fields, never their values. */
public record KvSecret(long version, Map<String, String> data) {
    public KvSecret {
        data = Map.copyOf(data);
    }

    @Override
    public String toString() {
        return "KvSecret[version=" + version + ", fields=" + data.keySet() + "]";
    }
}
