package dev.tokenwarden.auditor.messaging;

import dev.tokenwarden.auditor.domain.orgscan.OrgScan;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.OrgScanProgress;
import dev.tokenwarden.events.OrgScanState;
import dev.tokenwarden.platform.events.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Org scans on the compacted {@code audit.org-scans}, keyed by scan id: the durable record of where each stands. */
@ApplicationScoped
public class OrgScanRecords {
    private final EventPublisher publisher;
    private final Emitter<byte[]> channel;

    public OrgScanRecords(EventPublisher publisher, @Channel("audit-org-scans-out") Emitter<byte[]> channel) {
        this.publisher = publisher;
        this.channel = channel;
    }

    public CompletionStage<Void> publish(OrgScan scan) {
        return publisher.send(channel, EventType.AUDIT_ORG_SCAN, scan.id(), toEvent(scan));
    }

    static OrgScanProgress toEvent(OrgScan scan) {
        return new OrgScanProgress(scan.id(), scan.org(), scan.repositories(), OrgScanState.valueOf(scan.state().name()),
                scan.repositoriesTotal(), scan.repositoriesScanned(), scan.repositoriesFailed(), scan.findings(),
                List.copyOf(scan.done()), scan.requestedBy(), scan.reason(), scan.startedAt(), scan.updatedAt(), scan.finishedAt(),
                scan.pausedUntil());
    }

    static OrgScan fromEvent(OrgScanProgress progress) {
        return new OrgScan(progress.scanId(), progress.org(), progress.repositories(), OrgScan.State.valueOf(progress.state().name()),
                progress.repositoriesTotal(), progress.repositoriesScanned(), progress.repositoriesFailed(), progress.findings(),
                new HashSet<>(progress.done()), progress.requestedBy(), progress.reason(), progress.startedAt(), progress.updatedAt(),
                progress.finishedAt(), progress.pausedUntil());
    }
}
