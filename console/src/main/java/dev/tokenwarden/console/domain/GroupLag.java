package dev.tokenwarden.console.domain;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far one consumer group is behind, per topic: the sum over its partitions of the end offset minus the
 * committed one. {@code error} says why the figure is missing (the broker did not answer in time).
 */
public record GroupLag(String group, String state, int members, Map<String, Long> lagByTopic, String error) {

    public GroupLag {
        lagByTopic = new TreeMap<>(lagByTopic);
    }

    public static GroupLag failed(String group, String error) {
        return new GroupLag(group, "unknown", 0, Map.of(), error);
    }

    public long total() {
        return lagByTopic.values().stream().mapToLong(Long::longValue).sum();
    }

    public List<Map.Entry<String, Long>> topics() {
        return List.copyOf(lagByTopic.entrySet());
    }
}
