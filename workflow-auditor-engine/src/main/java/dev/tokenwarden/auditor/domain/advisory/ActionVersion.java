package dev.tokenwarden.auditor.domain.advisory;

import java.util.Optional;

/**
 * A version from a tag such as {@code v4}, {@code v4.1} or {@code 45.0.7}; {@code precision} counts the
 * components written, because {@code v4} is a moving tag that stands for every 4.x.y.
 */
public record ActionVersion(int major, int minor, int patch, int precision) implements Comparable<ActionVersion> {

    private static final int UNBOUNDED = Integer.MAX_VALUE;

    public static Optional<ActionVersion> parse(String text) {
        String digits = text.strip();
        if (digits.startsWith("v") || digits.startsWith("V")) {
            digits = digits.substring(1);
        }
        String[] parts = digits.split("\\.");
        if (parts.length == 0 || parts.length > 3) {
            return Optional.empty();
        }
        int[] numbers = new int[3];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 9 || !parts[i].chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            numbers[i] = Integer.parseInt(parts[i]);
        }
        return Optional.of(new ActionVersion(numbers[0], numbers[1], numbers[2], parts.length));
    }

    /** The lowest release a moving tag can point at ({@code v4} → 4.0.0). */
    public ActionVersion lowest() {
        return new ActionVersion(major, minor, patch, 3);
    }

    /** The highest release a moving tag can point at ({@code v4} → 4.∞.∞). */
    public ActionVersion highest() {
        return new ActionVersion(major, precision >= 2 ? minor : UNBOUNDED, precision >= 3 ? patch : UNBOUNDED, 3);
    }

    @Override
    public int compareTo(ActionVersion other) {
        int byMajor = Integer.compare(major, other.major);
        if (byMajor != 0) {
            return byMajor;
        }
        int byMinor = Integer.compare(minor, other.minor);
        return byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return precision == 1 ? "" + major : precision == 2 ? major + "." + minor : major + "." + minor + "." + patch;
    }
}
