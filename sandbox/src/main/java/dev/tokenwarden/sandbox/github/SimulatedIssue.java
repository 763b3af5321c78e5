package dev.tokenwarden.sandbox.github;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An issue in a simulated repository, with its comments. */
public final class SimulatedIssue {
    final long id;
    final long number;
    final Instant createdAt;
    String title;
    String body;
    String state = "open";
    List<String> labels;
    Instant updatedAt;
    Instant closedAt;
    final List<String> comments = new ArrayList<>();

    SimulatedIssue(long id, long number, String title, String body, List<String> labels, Instant now) {
        this.id = id;
        this.number = number;
        this.title = title;
        this.body = body;
        this.labels = List.copyOf(labels);
        this.createdAt = now;
        this.updatedAt = now;
    }

    public synchronized long number() {
        return number;
    }

    public synchronized String title() {
        return title;
    }

    public synchronized String body() {
        return body;
    }

    public synchronized String state() {
        return state;
    }

    public synchronized List<String> labels() {
        return labels;
    }

    public synchronized List<String> comments() {
        return List.copyOf(comments);
    }
}
