package dev.tokenwarden.broker.domain;

import dev.tokenwarden.events.AuditLogCursor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an organisation's audit log from where the last poll stopped. Its place is the {@code after} cursor of the
 * page it is reading and the events of that page it has taken in: GitHub gives a cursor only for the page after
 * one, so the last page is read again next time and its known events skipped. The place is published after the
 * page's usage facts, so a restart resumes from it without reporting a use twice.
 */
public final class AuditLogPoller {
    private final AuditLog auditLog;
    private final UsageMonitor monitor;
    private final UsageBook book;
    private final int maxPagesPerPoll;

    public AuditLogPoller(AuditLog auditLog, UsageMonitor monitor, UsageBook book, int maxPagesPerPoll) {
        this.auditLog = auditLog;
        this.monitor = monitor;
        this.book = book;
        this.maxPagesPerPoll = maxPagesPerPoll;
    }

    /** What one poll did: pages read, events new to it, uses matched to the ledger, and whether it reached the end. */
    public record Poll(int pages, int events, int matched, boolean caughtUp) {
    }

    /** One poll of {@code org}, at most {@code maxPagesPerPoll} pages; a failure leaves the place at the last finished page. */
    public Poll poll(String org) {
        Optional<AuditLogCursor> cursor = book.cursor(org);
        Optional<String> after = cursor.map(AuditLogCursor::after);
        Set<String> seen = new HashSet<>(cursor.map(AuditLogCursor::seenOnPage).orElse(List.of()));
        int events = 0;
        int matched = 0;
        for (int pages = 1; pages <= maxPagesPerPoll; pages++) {
            AuditLog.Page page = auditLog.page(org, after);
            List<String> onPage = new ArrayList<>();
            for (AuditLog.Event event : page.events()) {
                onPage.add(event.documentId());
                if (seen.contains(event.documentId())) {
                    continue;
                }
                events++;
                if (monitor.observe(event).isPresent()) {
                    matched++;
                }
            }
            if (page.nextAfter().isEmpty()) {
                if (!Set.copyOf(onPage).equals(seen)) {
                    monitor.advance(org, after.orElse(null), onPage);
                }
                return new Poll(pages, events, matched, true);
            }
            after = page.nextAfter();
            seen = Set.of();
            monitor.advance(org, after.get(), List.of());
        }
        return new Poll(maxPagesPerPoll, events, matched, false);
    }
}
