package dev.tokenwarden.sandbox.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A check run as the simulator keeps it: made by one GitHub App on one commit for good, its output replaced and its annotations appended by updates. */
final class CheckRunState {
    final long id;
    final long appId;
    final String headSha;
    final Instant startedAt;
    String name;
    String status = "queued";
    String conclusion;
    Instant completedAt;
    String externalId;
    String title;
    String summary;
    String text;
    final List<JsonNode> annotations = new ArrayList<>();

    /** A new run, named by the first {@code name} applied to it. */
    CheckRunState(long id, long appId, String headSha, Instant startedAt) {
        this.id = id;
        this.appId = appId;
        this.headSha = headSha;
        this.startedAt = startedAt;
    }

    synchronized SimulatedCheckRun snapshot() {
        return new SimulatedCheckRun(id, name, headSha, status, conclusion, title, summary, List.copyOf(annotations));
    }
}
