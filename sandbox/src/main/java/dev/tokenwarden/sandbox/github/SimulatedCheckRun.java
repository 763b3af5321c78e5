package dev.tokenwarden.sandbox.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A check run: made by one GitHub App on one commit for good, its output replaced and its annotations appended by updates. */
public final class SimulatedCheckRun {
    final long id;
    final long appId;
    final String headSha;
    final Instant startedAt;
    String name;
    String status;
    String conclusion;
    Instant completedAt;
    String externalId;
    String title;
    String summary;
    String text;
    final List<JsonNode> annotations = new ArrayList<>();

    SimulatedCheckRun(long id, long appId, String name, String headSha, Instant startedAt) {
        this.id = id;
        this.appId = appId;
        this.name = name;
        this.headSha = headSha;
        this.startedAt = startedAt;
    }

    public synchronized long id() {
        return id;
    }

    public synchronized String name() {
        return name;
    }

    public synchronized String headSha() {
        return headSha;
    }

    public synchronized String status() {
        return status;
    }

    public synchronized String conclusion() {
        return conclusion;
    }

    public synchronized String title() {
        return title;
    }

    public synchronized String summary() {
        return summary;
    }

    /** The annotations as they were sent ({@code path}, {@code start_line}, {@code annotation_level}, {@code message}, ...). */
    public synchronized List<JsonNode> annotations() {
        return List.copyOf(annotations);
    }
}
