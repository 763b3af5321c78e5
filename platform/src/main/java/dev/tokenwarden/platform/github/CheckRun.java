package dev.tokenwarden.platform.github;

/**
 * A check run as GitHub answers it: {@code status} {@code queued}, {@code in_progress} or {@code completed},
 * {@code conclusion} null until completed, {@code externalId} what the app that made it set.
 */
public record CheckRun(long id, String name, String headSha, String status, String conclusion, String externalId,
                       int annotationsCount) {
}
