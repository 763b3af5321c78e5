package dev.tokenwarden.auditor.domain.rules;

import java.util.ArrayList;
import java.util.List;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Repository;
import dev.tokenwarden.auditor.domain.yaml.Position;
import dev.tokenwarden.auditor.domain.yaml.YamlNode;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/** What a rule sees of the run: its options, and where to report. The engine turns reports into findings. */
public final class RuleContext {

    /** A rule's raw report: where, what, and how bad and how sure for this occurrence. */
    public record Report(Position position, String message, Severity severity, Confidence confidence) {
    }

    private final RuleInfo info;
    private final RuleOptions options;
    private final Repository repository;
    private final List<Report> reports = new ArrayList<>();

    public RuleContext(RuleInfo info, RuleOptions options) {
        this(info, options, Repository.none());
    }

    public RuleContext(RuleInfo info, RuleOptions options, Repository repository) {
        this.info = info;
        this.options = options;
        this.repository = repository;
    }

    /** The files scanned together with this one, for following {@code uses: ./path}. */
    public Repository repository() {
        return repository;
    }

    public RuleOptions options() {
        return options;
    }

    public void report(Position at, String message) {
        report(at, message, info.severity(), info.confidence());
    }

    public void report(YamlNode at, String message) {
        report(at.position(), message);
    }

    public void report(Position at, String message, Severity severity, Confidence confidence) {
        reports.add(new Report(at, message, severity, confidence));
    }

    public void report(YamlNode at, String message, Severity severity, Confidence confidence) {
        report(at.position(), message, severity, confidence);
    }

    /** Reports on a key of a mapping entry, where an editor should put the cursor. */
    public void report(YamlScalar key, String message, Severity severity) {
        report(key.position(), message, severity, info.confidence());
    }

    public List<Report> reports() {
        return List.copyOf(reports);
    }
}
