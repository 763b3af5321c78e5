package dev.tokenwarden.platform.github;

import java.time.Instant;
import java.util.List;

/**
 * What a create or an update of a check run sends; a null field is left out. A {@code conclusion} completes the
 * run (GitHub then sets the status to {@code completed}); {@code title} and {@code summary} form its output, which
 * GitHub requires together; {@code annotations} (at most {@link #MAX_ANNOTATIONS} per request) are appended to those
 * the run has.
 */
public record CheckRunUpdate(String status, String conclusion, Instant completedAt, String externalId, String title, String summary,
                             List<CheckAnnotation> annotations) {
    /** GitHub's limit of annotations per create or update request. */
    public static final int MAX_ANNOTATIONS = 50;

    public CheckRunUpdate {
        annotations = List.copyOf(annotations);
        if (annotations.size() > MAX_ANNOTATIONS) {
            throw new IllegalArgumentException("GitHub takes at most " + MAX_ANNOTATIONS + " annotations per request, not " + annotations.size());
        }
        if ((title == null) != (summary == null)) {
            throw new IllegalArgumentException("a check run's output needs both a title and a summary");
        }
    }
}
