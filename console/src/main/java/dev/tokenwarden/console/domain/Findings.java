package dev.tokenwarden.console.domain;

import dev.tokenwarden.events.AuditFinding;
import dev.tokenwarden.events.ScanSummary;
import dev.tokenwarden.events.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Each repository's findings are those of its latest scan: the auditor publishes every finding a scan makes,
 * keyed by repository, so a finding of a new scan id replaces the repository's set, and a scan summary that
 * counts none clears it.
 */
public final class Findings {
    private final TreeMap<String, Repository> byRepository = new TreeMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    private static final class Repository {
        String scanId;
        final Map<String, FindingLine> byFingerprint = new LinkedHashMap<>();
        ScanSummary lastScan;
    }

    public void finding(AuditFinding finding) {
        lock.writeLock().lock();
        try {
            Repository repository = byRepository.computeIfAbsent(finding.repository(), r -> new Repository());
            if (!finding.scanId().equals(repository.scanId)) {
                repository.scanId = finding.scanId();
                repository.byFingerprint.clear();
            }
            repository.byFingerprint.put(finding.fingerprint(), FindingLine.of(finding));
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void scan(ScanSummary scan) {
        lock.writeLock().lock();
        try {
            Repository repository = byRepository.computeIfAbsent(scan.repository(), r -> new Repository());
            if (repository.lastScan != null && scan.finishedAt().isBefore(repository.lastScan.finishedAt())) {
                return;
            }
            repository.lastScan = scan;
            boolean foundNothing = scan.findingsBySeverity().values().stream().mapToInt(Integer::intValue).sum() == 0;
            if (foundNothing && !scan.scanId().equals(repository.scanId)) {
                repository.scanId = scan.scanId();
                repository.byFingerprint.clear();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Findings matching {@code filter}, worst first, then by repository, file and line. */
    public Page<FindingLine> page(FindingFilter filter, int number, int size) {
        List<FindingLine> matching = matching(filter);
        matching.sort(Comparator.comparing(FindingLine::severity).reversed()
                .thenComparing(FindingLine::repository).thenComparing(FindingLine::file).thenComparingInt(FindingLine::line));
        Page.Collector<FindingLine> collector = new Page.Collector<>(number, size);
        matching.forEach(collector::offer);
        return collector.page();
    }

    /** The counts the charts draw, over the same filter as the list. */
    public Counts counts(FindingFilter filter) {
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        Map<String, Integer> byRule = new TreeMap<>();
        for (FindingLine finding : matching(filter)) {
            bySeverity.merge(finding.severity(), 1, Integer::sum);
            byRule.merge(finding.ruleId(), 1, Integer::sum);
        }
        return new Counts(bySeverity, byRule);
    }

    public record Counts(Map<Severity, Integer> bySeverity, Map<String, Integer> byRule) {
        public int total() {
            return bySeverity.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Every rule any held finding names, for the rule filter. */
    public List<String> rules() {
        lock.readLock().lock();
        try {
            TreeSet<String> rules = new TreeSet<>();
            byRepository.values().forEach(r -> r.byFingerprint.values().forEach(f -> rules.add(f.ruleId())));
            return List.copyOf(rules);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Each repository's posture: its findings by severity and its last scan, worst first. */
    public Page<Posture> postures(FindingFilter filter, int number, int size) {
        List<Posture> postures = new ArrayList<>();
        lock.readLock().lock();
        try {
            byRepository.forEach((name, repository) -> {
                if (filter.matchesRepository(name)) {
                    Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
                    repository.byFingerprint.values().forEach(f -> bySeverity.merge(f.severity(), 1, Integer::sum));
                    ScanSummary scan = repository.lastScan;
                    postures.add(new Posture(name, bySeverity, scan == null ? null : scan.finishedAt(),
                            scan == null ? null : scan.trigger().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                            scan == null ? 0 : scan.errors().size()));
                }
            });
        } finally {
            lock.readLock().unlock();
        }
        postures.sort(Comparator.comparing(Posture::worst, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Comparator.comparingInt(Posture::total).reversed()).thenComparing(Posture::repository));
        Page.Collector<Posture> collector = new Page.Collector<>(number, size);
        postures.forEach(collector::offer);
        return collector.page();
    }

    public record Posture(String repository, Map<Severity, Integer> bySeverity, Instant lastScanAt, String lastTrigger,
            int scanErrors) {
        public int total() {
            return bySeverity.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int count(Severity severity) {
            return bySeverity.getOrDefault(severity, 0);
        }

        public int critical() {
            return count(Severity.CRITICAL);
        }

        public int high() {
            return count(Severity.HIGH);
        }

        public int medium() {
            return count(Severity.MEDIUM);
        }

        public int low() {
            return count(Severity.LOW);
        }

        /** The worst severity found, or null when the repository is clean. */
        public Severity worst() {
            return bySeverity.keySet().stream().max(Comparator.naturalOrder()).orElse(null);
        }
    }

    private List<FindingLine> matching(FindingFilter filter) {
        List<FindingLine> matching = new ArrayList<>();
        lock.readLock().lock();
        try {
            byRepository.forEach((name, repository) -> {
                if (filter.matchesRepository(name)) {
                    repository.byFingerprint.values().stream().filter(filter::matches).forEach(matching::add);
                }
            });
        } finally {
            lock.readLock().unlock();
        }
        return matching;
    }
}
