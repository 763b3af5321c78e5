package dev.tokenwarden.console.domain;

import java.time.Instant;

/** One step in a credential's rotation history, as its lifecycle events told it; {@code eventId} de-duplicates. */
public record TimelineEntry(Instant at, String what, String detail, boolean problem, String eventId) {
}
