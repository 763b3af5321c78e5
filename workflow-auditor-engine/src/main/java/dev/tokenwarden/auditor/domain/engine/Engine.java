package dev.tokenwarden.auditor.domain.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.tokenwarden.auditor.domain.config.AuditConfig;
import dev.tokenwarden.auditor.domain.config.RuleSettings;
import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.finding.ScanError;
import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.model.Repository;
import dev.tokenwarden.auditor.domain.model.UsesRef;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.model.WorkflowReader;
import dev.tokenwarden.auditor.domain.rules.Rule;
import dev.tokenwarden.auditor.domain.rules.RuleCatalogue;
import dev.tokenwarden.auditor.domain.rules.RuleContext;
import dev.tokenwarden.auditor.domain.yaml.YamlInputException;
import dev.tokenwarden.auditor.domain.yaml.YamlLimits;
import dev.tokenwarden.auditor.domain.yaml.YamlLoader;

/**
 * Runs the enabled rules over workflow and action files. A file that cannot be read becomes a
 * {@link ScanError} and the others are still audited. All files are read first, so that rules can follow a
 * {@code uses: ./path} into another file of the same scan. Thread-safe; one instance can serve every scan.
 */
public final class Engine {

    /** Below this many files a scan works on the caller's thread: a repository's handful gains nothing from threads. */
    private static final int PARALLEL_FROM = 64;

    private final RuleCatalogue catalogue;
    private final AuditConfig config;
    private final YamlLoader loader;

    public Engine(RuleCatalogue catalogue, AuditConfig config) {
        this.catalogue = catalogue;
        this.config = config;
        this.loader = new YamlLoader(YamlLimits.defaults().withMaxBytes(config.maxFileBytes()));
    }

    /** Scans offline: remote callees are not read. */
    public ScanResult scan(List<InputFile> files) {
        return scan(files, RemoteFiles.NONE);
    }

    /**
     * Scans {@code files}, following taint one level into the remote composite actions and reusable workflows that
     * {@code remote} can read; one it cannot is untraceable, as offline.
     */
    public ScanResult scan(List<InputFile> files, RemoteFiles remote) {
        List<Finding> findings = new ArrayList<>();
        List<ScanError> errors = new ArrayList<>();
        List<Workflow> workflows = new ArrayList<>();
        for (Object outcome : inParallel(files, this::read)) {
            if (outcome instanceof Workflow workflow) {
                workflows.add(workflow);
            } else {
                errors.add((ScanError) outcome);
            }
        }
        Repository repository = Repository.of(workflows, uses -> remoteCallee(uses, remote));
        for (Audited audited : inParallel(workflows, workflow -> audit(workflow, repository))) {
            findings.addAll(audited.findings());
            errors.addAll(audited.errors());
        }
        findings.sort(Comparator.comparing(Finding::file).thenComparingInt(Finding::line)
                .thenComparingInt(Finding::column).thenComparing(Finding::ruleId));
        return new ScanResult(findings, errors, files.size());
    }

    /**
     * {@code work} over every item, in parallel from {@link #PARALLEL_FROM} items on (each file has its own parser and
     * the rules keep no state), the results in the items' order, so a scan's output does not depend on threads.
     */
    private static <T, R> List<R> inParallel(List<T> items, Function<T, R> work) {
        return (items.size() < PARALLEL_FROM ? items.stream() : items.parallelStream()).map(work).toList();
    }

    /** The file as a workflow, or the {@link ScanError} that it cannot be read. */
    private Object read(InputFile file) {
        try {
            YamlLoader.Loaded loaded = loader.load(file.path(), file.content());
            return WorkflowReader.read(loaded.root(), loaded.source());
        } catch (YamlInputException e) {
            return new ScanError(file.path(), e.getMessage(),
                    e.position().map(p -> p.line()).orElse(0), e.position().map(p -> p.column()).orElse(0));
        }
    }

    /**
     * The file a remote {@code uses:} names: the reusable workflow at its path, or the composite action's
     * {@code action.yml|yaml} in its directory. Named {@code owner/repo/path@ref} in findings. A file that
     * cannot be read or parsed leaves the callee unknown; its errors belong to its own repository's scan.
     */
    private Optional<Workflow> remoteCallee(UsesRef uses, RemoteFiles remote) {
        if (uses.ref().isEmpty()) {
            return Optional.empty();
        }
        String path = uses.path().replaceFirst("/+$", "");
        List<String> candidates = path.endsWith(".yml") || path.endsWith(".yaml") ? List.of(path)
                : Stream.of("action.yml", "action.yaml").map(f -> path.isEmpty() ? f : path + "/" + f).toList();
        for (String candidate : candidates) {
            Optional<byte[]> content = remote.read(uses.owner(), uses.repo(), candidate, uses.ref());
            if (content.isPresent()) {
                String name = uses.repository() + "/" + candidate + "@" + uses.ref();
                try {
                    YamlLoader.Loaded loaded = loader.load(name, content.get());
                    return Optional.of(WorkflowReader.read(loaded.root(), loaded.source()));
                } catch (YamlInputException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private record Audited(List<Finding> findings, List<ScanError> errors) {
    }

    private Audited audit(Workflow workflow, Repository repository) {
        InlineIgnores ignores = new InlineIgnores(workflow.source().lines());
        Map<String, Integer> occurrences = new HashMap<>();
        List<Finding> findings = new ArrayList<>();
        List<ScanError> errors = new ArrayList<>();
        for (Rule rule : catalogue.rules()) {
            String id = rule.info().id();
            RuleSettings settings = config.settings(id);
            if (!settings.enabled()) {
                continue;
            }
            RuleContext context = new RuleContext(rule.info(), settings.options(), repository);
            try {
                rule.check(workflow, context);
            } catch (RuntimeException e) {
                // A rule bug must not hide the other rules' findings; the class name says enough to file it.
                errors.add(new ScanError(workflow.file(), "rule " + id + " failed: " + e.getClass().getSimpleName(), 0, 0));
                continue;
            }
            for (RuleContext.Report report : context.reports()) {
                int line = report.position().line();
                if (ignores.ignores(id, line)) {
                    continue;
                }
                String snippet = SnippetRedaction.redact(workflow.source().snippet(line));
                String key = id + "\n" + snippet.strip().replaceAll("\\s+", " ");
                int occurrence = occurrences.merge(key, 1, Integer::sum);
                String fingerprintSnippet = occurrence == 1 ? snippet : snippet + " #" + occurrence;
                findings.add(new Finding(id, settings.severity().orElse(report.severity()), report.confidence(),
                        report.message(), workflow.file(), line, report.position().column(), snippet,
                        rule.info().remediation(), config.docsUrl(id),
                        Finding.fingerprint(id, workflow.file(), fingerprintSnippet)));
            }
        }
        return new Audited(findings, errors);
    }
}
