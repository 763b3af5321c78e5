package dev.tokenwarden.auditor.messaging;

import dev.tokenwarden.auditor.AuditorConfig;
import dev.tokenwarden.auditor.domain.baseline.Baselines;
import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.finding.ScanError;
import dev.tokenwarden.events.AuditBaseline;
import dev.tokenwarden.events.AuditFinding;
import dev.tokenwarden.events.Confidence;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.ScanSummary;
import dev.tokenwarden.events.Severity;
import dev.tokenwarden.platform.events.EventPublisher;
import dev.tokenwarden.platform.events.IncidentPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Publishes what a repository scan found: each finding on {@code audit.findings} (keyed by repository), the
 * summary on {@code audit.scans}, the repository's new baseline on the compacted {@code audit.baseline},
 * and an incident {@code audit-finding/<repo>/<fingerprint>} for every finding new since the baseline at or
 * above the configured severity, resolved once a full scan no longer finds it. A pull request's scan publishes its
 * findings and a summary counted against the baseline, and touches neither the baseline nor incidents. The returned
 * stage completes when Kafka has every record.
 */
@ApplicationScoped
public class ScanPublisher {
    static final String INCIDENT_TYPE = "audit-finding";

    private final EventPublisher publisher;
    private final IncidentPublisher incidents;
    private final Emitter<byte[]> findings;
    private final Emitter<byte[]> scans;
    private final Emitter<byte[]> baselineChannel;
    private final Baselines baselines;
    private final AuditorConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;

    public ScanPublisher(EventPublisher publisher, IncidentPublisher incidents,
                         @Channel("audit-findings-out") Emitter<byte[]> findings,
                         @Channel("audit-scans-out") Emitter<byte[]> scans,
                         @Channel("audit-baseline-out") Emitter<byte[]> baselineChannel,
                         Baselines baselines, AuditorConfig config, Clock clock, MeterRegistry metrics) {
        this.publisher = publisher;
        this.incidents = incidents;
        this.findings = findings;
        this.scans = scans;
        this.baselineChannel = baselineChannel;
        this.baselines = baselines;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    public CompletionStage<ScanSummary> publish(RepositoryScan scan) {
        Timer.builder("tokenwarden.auditor.scans").description("repository scans published, by trigger")
                .tag("trigger", scan.trigger().name().toLowerCase(Locale.ROOT).replace('_', '-')).register(metrics)
                .record(scan.duration());
        Instant now = clock.instant();
        String repository = scan.repository();
        Set<String> found = scan.result().findings().stream().map(Finding::fingerprint).collect(Collectors.toSet());
        Baselines.Change change = scan.movesBaseline()
                ? baselines.record(repository, found, scan.fullScan(), now)
                : baselines.compare(repository, found, now);

        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (Finding finding : scan.result().findings()) {
            sends.add(send(findings, EventType.AUDIT_FINDING, repository, toEvent(finding, scan)));
            if (scan.movesBaseline() && change.added().contains(finding.fingerprint())
                    && finding.severity().atLeast(config.incidentSeverity())) {
                sends.add(incidents.publish(firing(repository, finding, now)).toCompletableFuture());
            }
        }
        for (String fingerprint : new TreeSet<>(change.resolved())) {
            sends.add(incidents.publish(resolved(repository, fingerprint, now)).toCompletableFuture());
        }
        if (scan.movesBaseline()) {
            sends.add(send(baselineChannel, EventType.AUDIT_BASELINE, repository,
                    new AuditBaseline(repository, List.copyOf(new TreeSet<>(change.baseline())), now)));
        }
        ScanSummary summary = summary(scan, change, now);
        sends.add(send(scans, EventType.AUDIT_SCAN, repository, summary));
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).thenApply(done -> summary);
    }

    private CompletableFuture<Void> send(Emitter<byte[]> channel, EventType type, String key, Record payload) {
        return publisher.send(channel, type, key, payload).toCompletableFuture();
    }

    private static AuditFinding toEvent(Finding f, RepositoryScan scan) {
        return new AuditFinding(f.fingerprint(), f.ruleId(), Severity.valueOf(f.severity().name()),
                Confidence.valueOf(f.confidence().name()), scan.repository(), scan.ref(), scan.commit(), f.file(),
                f.line(), f.column(), f.snippet(), f.message(), f.remediation(), f.docsUrl(), scan.scanId());
    }

    private static Incident firing(String repository, Finding f, Instant now) {
        return new Incident(incidentKey(repository, f.fingerprint()), IncidentStatus.FIRING, INCIDENT_TYPE,
                Severity.valueOf(f.severity().name()), f.ruleId() + " in " + repository + "/" + f.file(),
                f.message() + " (line " + f.line() + "). " + f.remediation(),
                Map.of("repository", repository, "rule", f.ruleId(), "file", f.file(), "fingerprint", f.fingerprint()),
                now, now, f.docsUrl() == null ? List.of() : List.of(f.docsUrl()));
    }

    private static Incident resolved(String repository, String fingerprint, Instant now) {
        return new Incident(incidentKey(repository, fingerprint), IncidentStatus.RESOLVED, INCIDENT_TYPE,
                Severity.INFO, "audit finding gone from " + repository,
                "a full scan of " + repository + " no longer finds it",
                Map.of("repository", repository, "fingerprint", fingerprint), now, now, List.of());
    }

    static String incidentKey(String repository, String fingerprint) {
        return INCIDENT_TYPE + "/" + repository + "/" + fingerprint;
    }

    private static ScanSummary summary(RepositoryScan scan, Baselines.Change change, Instant now) {
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        scan.result().findings().forEach(f -> bySeverity.merge(Severity.valueOf(f.severity().name()), 1, Integer::sum));
        List<String> errors = scan.result().errors().stream().map(ScanPublisher::describe).toList();
        return new ScanSummary(scan.scanId(), scan.repository(), scan.trigger(), scan.result().filesScanned(),
                bySeverity, change.added().size(), change.resolved().size(), errors, scan.duration().toMillis(), now);
    }

    private static String describe(ScanError error) {
        return error.file() + ": " + error.message();
    }
}
