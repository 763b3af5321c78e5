package dev.tokenwarden.notifier.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How one attempt went. {@code detail} is for the delivery log, so it never holds a URL, a secret or a
 * response body: only a status line or an error class.
 */
public record SendResult(boolean delivered, Integer statusCode, boolean retryable, Optional<Duration> retryAfter, String detail) {

    public static SendResult delivered(int statusCode) {
        return new SendResult(true, statusCode, false, Optional.empty(), "HTTP " + statusCode);
    }

    /** 408, 425, 429 and 5xx are worth retrying; any other answer means the request itself is wrong. */
    public static SendResult rejected(int statusCode, Optional<Duration> retryAfter) {
        boolean retryable = statusCode == 408 || statusCode == 425 || statusCode == 429 || statusCode >= 500;
        return new SendResult(false, statusCode, retryable, retryAfter, "HTTP " + statusCode);
    }

    /** No answer: timeout, refused connection, TLS failure. */
    public static SendResult unreachable(String detail) {
        return new SendResult(false, null, true, Optional.empty(), detail);
    }

    /** Refused before sending, for example by the outbound target guard; retrying cannot help. */
    public static SendResult refused(String detail) {
        return new SendResult(false, null, false, Optional.empty(), detail);
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date; empty when absent or unreadable. */
    public static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Duration until = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
