package dev.tokenwarden.auditor.domain.rules;

import java.util.Arrays;

import dev.tokenwarden.auditor.domain.finding.Severity;

/** Renders {@code docs/rules.md}, the rule reference, from the catalogue: the page is never edited by hand. */
public final class RuleReference {

    private RuleReference() {
    }

    public static String markdown(RuleCatalogue catalogue) {
        StringBuilder md = new StringBuilder();
        md.append("# Workflow audit rules\n\n");
        md.append("<!-- Generated from RuleCatalogue by RuleReferenceTest; edit the rule classes, not this file. -->\n\n");
        md.append("`tokenwarden-audit scan` and the workflow-auditor service apply these ").append(catalogue.rules().size())
                .append(" rules. Each finding carries the rule id, a severity (")
                .append(String.join(", ", Arrays.stream(Severity.values()).map(Severity::label).toList()))
                .append("), a confidence, the file, line, column and snippet, the fix, and a fingerprint ")
                .append("(SHA-256 of rule id, file and normalised snippet) that survives edits which only move it.\n\n");
        md.append("Turn a rule off, change its severity or set its options in a configuration file passed with ")
                .append("`--config`; silence one finding with `# tokenwarden: ignore[rule-id]` on its line or on ")
                .append("the line above.\n\n");
        md.append("| rule | severity | confidence | what it finds |\n|---|---|---|---|\n");
        for (RuleInfo info : catalogue.infos()) {
            md.append("| [`").append(info.id()).append("`](#").append(info.id()).append(") | ")
                    .append(info.severity().label()).append(" | ").append(info.confidence().label()).append(" | ")
                    .append(info.title()).append(" |\n");
        }
        for (RuleInfo info : catalogue.infos()) {
            md.append("\n## ").append(info.id()).append("\n\n");
            md.append("**").append(info.title()).append("** · default severity ").append(info.severity().label())
                    .append(" · confidence ").append(info.confidence().label()).append("\n\n");
            md.append(info.description()).append("\n\n");
            md.append("**Fix:** ").append(info.remediation()).append("\n\n");
            md.append("Reported:\n\n```yaml\n").append(info.exampleBad()).append("```\n\n");
            md.append("Fixed:\n\n```yaml\n").append(info.exampleFixed()).append("```\n");
        }
        return md.toString();
    }
}
