package dev.tokenwarden.platform.github;

/**
 * One annotation of a check run, as GitHub takes it: a file and its line range, {@code level} one of
 * {@code notice}, {@code warning}, {@code failure}, a title (at most 255 characters), a message and raw details
 * (each at most 64 KB).
 */
public record CheckAnnotation(String path, int startLine, int endLine, String level, String title, String message, String rawDetails) {
}
