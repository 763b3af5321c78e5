package dev.tokenwarden.auditor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.tokenwarden.auditor.domain.config.AuditConfig;
import dev.tokenwarden.auditor.domain.config.AuditConfigLoader;
import dev.tokenwarden.auditor.domain.config.FindingFilter;
import dev.tokenwarden.auditor.domain.config.Persona;
import dev.tokenwarden.auditor.domain.engine.Engine;
import dev.tokenwarden.auditor.domain.engine.InputFile;
import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.ScanError;
import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.report.ReportFormat;
import dev.tokenwarden.auditor.domain.report.Reports;
import dev.tokenwarden.auditor.domain.rules.RuleCatalogue;
import dev.tokenwarden.auditor.domain.yaml.YamlInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tokenwarden-audit scan}: audits files, directories and repositories and writes one report. */
@Command(name = "scan", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = AuditCli.EXIT_INPUT_ERROR,
        exitCodeOnExecutionException = AuditCli.EXIT_INPUT_ERROR,
        description = "Audit GitHub Actions workflows and actions for security problems.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no finding shown at or above --fail-on, every file read",
                "1:findings shown at or above --fail-on",
                "2:usage error, unreadable configuration, or a file that could not be audited (the others are still"
                        + " scanned and reported)"})
final class ScanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, sarif or github (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "low",
            description = "exit 1 when a finding is at least this severe: info, low, medium, high, critical (default: ${DEFAULT-VALUE})")
    String failOn;

    @Option(names = "--persona", paramLabel = "PERSONA",
            description = "regular (default: medium and high confidence, no pedantic rules), pedantic (adds the "
                    + "pedantic rules) or auditor (everything, low confidence included)")
    String persona;

    @Option(names = "--min-severity", paramLabel = "SEVERITY",
            description = "show only findings at least this severe: info, low, medium, high, critical (default: info)")
    String minSeverity;

    @Option(names = "--min-confidence", paramLabel = "CONFIDENCE",
            description = "show only findings at least this sure: low, medium, high (default: set by --persona)")
    String minConfidence;

    @Option(names = "--config", paramLabel = "FILE",
            description = "configuration file (rules on/off, severities, options, persona, min-severity, min-confidence)")
    Path config;

    @Option(names = "--output", paramLabel = "FILE", description = "write the report here instead of standard output")
    Path output;

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "workflow or action files, folders of workflows, or repository roots")
    List<Path> paths;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        ReportFormat reportFormat = ReportFormat.parse(format).orElse(null);
        Severity threshold = Severity.parse(failOn).orElse(null);
        if (reportFormat == null || threshold == null) {
            err.println(reportFormat == null ? "unknown --format '" + format + "' (use text, json, sarif or github)"
                    : "unknown --fail-on '" + failOn + "' (use info, low, medium, high or critical)");
            return AuditCli.EXIT_INPUT_ERROR;
        }
        Optional<FindingFilter> commandLineFilter = commandLineFilter(err);
        if (commandLineFilter.isEmpty()) {
            return AuditCli.EXIT_INPUT_ERROR;
        }
        RuleCatalogue catalogue = RuleCatalogue.standard();
        Optional<AuditConfig> loaded = loadConfig(config, catalogue, err);
        if (loaded.isEmpty()) {
            return AuditCli.EXIT_INPUT_ERROR;
        }
        AuditConfig auditConfig = loaded.get();
        List<InputFile> inputs = new ArrayList<>();
        List<ScanError> unreadable = new ArrayList<>();
        if (!readAll(paths, auditConfig.maxFileBytes(), inputs, unreadable, new HashMap<>(), err)) {
            return AuditCli.EXIT_INPUT_ERROR;
        }
        ScanResult scanned = new Engine(catalogue, auditConfig).scan(inputs);
        List<ScanError> errors = new ArrayList<>(unreadable);
        errors.addAll(scanned.errors());
        ScanResult everything = new ScanResult(scanned.findings(), errors, inputs.size() + unreadable.size());
        FindingFilter filter = auditConfig.filter().overriddenBy(commandLineFilter.get());
        ScanResult result = filter.apply(everything, catalogue);
        int hidden = everything.findings().size() - result.findings().size();
        if (hidden > 0) {
            err.println(hidden + " findings not shown (persona " + filter.effectivePersona().label() + ", min-severity "
                    + filter.effectiveMinSeverity().label() + ", min-confidence " + filter.effectiveMinConfidence().label()
                    + "); --persona auditor without --min-severity or --min-confidence shows them");
        }
        Reports reports = new Reports(catalogue, auditConfig.docsBaseUrl(), AuditCli.version());
        if (output == null) {
            reports.write(result, reportFormat, spec.commandLine().getOut());
        } else {
            try (Writer out = new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8)) {
                reports.write(result, reportFormat, out);
            }
        }
        if (reportFormat != ReportFormat.TEXT) {
            result.errors().forEach(e -> err.println(e.file() + ": " + e.message()));
        }
        if (!result.errors().isEmpty()) {
            return AuditCli.EXIT_INPUT_ERROR;
        }
        return result.hasFindingsAtLeast(threshold) ? AuditCli.EXIT_FINDINGS : AuditCli.EXIT_CLEAN;
    }

    /** The filter the options ask for; empty, with the reason on standard error, when one is not understood. */
    private Optional<FindingFilter> commandLineFilter(PrintWriter err) {
        Optional<Persona> p = Optional.ofNullable(persona).flatMap(Persona::parse);
        Optional<Severity> s = Optional.ofNullable(minSeverity).flatMap(Severity::parse);
        Optional<Confidence> c = Optional.ofNullable(minConfidence).flatMap(Confidence::parse);
        if (persona != null && p.isEmpty()) {
            err.println("unknown --persona '" + persona + "' (use regular, pedantic or auditor)");
        } else if (minSeverity != null && s.isEmpty()) {
            err.println("unknown --min-severity '" + minSeverity + "' (use info, low, medium, high or critical)");
        } else if (minConfidence != null && c.isEmpty()) {
            err.println("unknown --min-confidence '" + minConfidence + "' (use low, medium or high)");
        } else {
            return Optional.of(new FindingFilter(p, s, c));
        }
        return Optional.empty();
    }

    /** The configuration {@code --config} names, or the defaults; empty, with the reason on {@code err}, when it is bad. */
    static Optional<AuditConfig> loadConfig(Path config, RuleCatalogue catalogue, PrintWriter err) throws IOException {
        try {
            return Optional.of(config == null ? AuditConfig.defaults()
                    : new AuditConfigLoader(catalogue).load(config.toString(), Files.readAllBytes(config)));
        } catch (NoSuchFileException e) {
            err.println("configuration file not found: " + config);
        } catch (YamlInputException e) {
            err.println(config + e.position().map(p -> ":" + p.line() + ":" + p.column()).orElse("") + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * Reads what the paths name into {@code inputs}, and where each file lies into {@code located} (by the name
     * findings carry); false, with the reason on {@code err}, when a path does not exist.
     */
    static boolean readAll(List<Path> paths, int maxBytes, List<InputFile> inputs, List<ScanError> unreadable,
                           Map<String, Path> located, PrintWriter err) throws IOException {
        for (Path path : paths) {
            if (!Files.exists(path)) {
                err.println("no such file or directory: " + path);
                return false;
            }
            for (WorkflowFiles.Found found : WorkflowFiles.collect(path)) {
                read(found, maxBytes, inputs, unreadable);
                located.put(found.name(), found.path());
            }
        }
        return true;
    }

    /** Reads at most one byte past the limit, so a huge file costs no more memory than the limit. */
    private static void read(WorkflowFiles.Found found, int maxBytes, List<InputFile> inputs, List<ScanError> unreadable) {
        try (InputStream in = Files.newInputStream(found.path())) {
            byte[] content = in.readNBytes(maxBytes + 1);
            if (content.length > maxBytes) {
                unreadable.add(new ScanError(found.name(), "file is " + Files.size(found.path())
                        + " bytes, above the limit of " + maxBytes + " bytes", 0, 0));
            } else {
                inputs.add(new InputFile(found.name(), content));
            }
        } catch (IOException e) {
            unreadable.add(new ScanError(found.name(), "cannot read file: " + e.getClass().getSimpleName(), 0, 0));
        }
    }
}
