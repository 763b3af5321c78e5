package dev.tokenwarden.auditor.domain.rules;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;

/**
 * Renders the rule reference under {@code docs/rules/} from the catalogue: an index ({@code README.md})
 * and one page per rule ({@code <rule-id>.md}). These pages are never edited by hand; the pages in
 * {@link #HAND_WRITTEN} are, and the index links them.
 */
public final class RuleReference {

    /** Pages of {@code docs/rules/} written by hand, which the index links to. */
    public static final Set<String> HAND_WRITTEN = Set.of("taint-model.md");

    private static final String BANNER =
            "<!-- Generated from RuleCatalogue by RuleReferenceTest; edit the rule classes, not this file. -->\n\n";

    private RuleReference() {
    }

    /** Where a rule's page is, under a base that points at {@code docs/rules}. */
    public static String pageUrl(String docsBaseUrl, String ruleId) {
        return docsBaseUrl + "/" + ruleId + ".md";
    }

    /**
     * Every generated page by file name: {@code README.md}, then one per rule in catalogue order. {@code fixes}: what
     * {@code tokenwarden-audit fix} does for each rule that has a fix, by rule id.
     */
    public static Map<String, String> pages(RuleCatalogue catalogue, Map<String, String> fixes) {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("README.md", index(catalogue, fixes));
        catalogue.infos().forEach(info -> pages.put(info.id() + ".md", page(info, Optional.ofNullable(fixes.get(info.id())))));
        return pages;
    }

    static String index(RuleCatalogue catalogue, Map<String, String> fixes) {
        StringBuilder md = new StringBuilder();
        md.append("# Workflow audit rules\n\n").append(BANNER);
        md.append("`tokenwarden-audit scan` and the workflow-auditor service apply these ").append(catalogue.rules().size())
                .append(" rules. Each finding carries the rule id, a severity (how bad it would be: ")
                .append(String.join(", ", Arrays.stream(Severity.values()).map(Severity::label).toList()))
                .append("), a confidence (how sure the rule is that it is real: ")
                .append(String.join(", ", Arrays.stream(Confidence.values()).map(Confidence::label).toList()))
                .append("), the file, line, column and snippet, the fix, and a fingerprint ")
                .append("(SHA-256 of rule id, file and normalised snippet) that survives edits which only move it. ")
                .append("Every output format shows both: text, JSON, SARIF (`level` from the severity, ")
                .append("`properties.confidence`) and GitHub annotations.\n\n");
        md.append("## What a report shows\n\n")
                .append("The CLI reports what `--persona` lets through (default `regular`), then `--min-severity` and ")
                .append("`--min-confidence`; the same keys (`persona`, `min-severity`, `min-confidence`) can be set in ")
                .append("the configuration file, and the command line wins option by option. The workflow-auditor ")
                .append("service publishes every finding, each with its severity and confidence.\n\n")
                .append("| persona | shows |\n|---|---|\n")
                .append("| `regular` (default) | medium and high confidence; not the pedantic rules |\n")
                .append("| `pedantic` | medium and high confidence, pedantic rules included |\n")
                .append("| `auditor` | everything, low confidence included |\n\n");
        md.append("Turn a rule off, change its severity or set its options in a configuration file passed with ")
                .append("`--config`; silence one finding with `# tokenwarden: ignore[rule-id]` on its line or on ")
                .append("the line above.\n\n");
        md.append("Which contexts are attacker-controlled, and how that taint flows, is described in ")
                .append("[the taint model](taint-model.md).\n\n");
        md.append("Severity and confidence below are each rule's defaults; a finding may carry others, as its ")
                .append("rule's page says (an image with no tag is high, a checkout whose token is not uploaded is ")
                .append("low confidence).\n\n");
        md.append("| rule | severity | confidence | persona | fix | what it finds |\n|---|---|---|---|---|---|\n");
        for (RuleInfo info : catalogue.infos()) {
            md.append("| [`").append(info.id()).append("`](").append(info.id()).append(".md) | ")
                    .append(info.severity().label()).append(" | ").append(info.confidence().label()).append(" | ")
                    .append(info.pedantic() ? "pedantic" : "regular").append(" | ")
                    .append(fixes.containsKey(info.id()) ? "yes" : "").append(" | ")
                    .append(info.title()).append(" |\n");
        }
        md.append("\n## Fixes\n\n")
                .append("`tokenwarden-audit fix PATH...` makes the mechanical fix for every finding of the rules marked ")
                .append("*yes* above (whatever `--persona` a scan would show; `--rule ID` narrows them). `--dry-run` ")
                .append("(the default) prints a unified diff and changes nothing; `--write` first copies each file it ")
                .append("changes to `<file>.orig` (an existing backup is kept unless `--force`), then scans the written ")
                .append("file again and restores it when it no longer parses, the fixed rule still fires or another ")
                .append("rule reports something new (explicit permissions may reveal `write-permissions`). Edits change ")
                .append("only the characters they must: comments, key order, quoting, indentation and CRLF line endings ")
                .append("stay. A finding that cannot be fixed safely is listed with the reason, never half-fixed. Exit ")
                .append("codes: 0 everything fixed, 1 something left unfixed or a write undone, 2 usage or input error.\n\n")
                .append("Tags are pinned from a pin cache, `.github/tokenwarden-pins.json` in the repository or `--pins ")
                .append("FILE`, a JSON object `{\"owner/repo\": {\"tag\": \"<40-hex commit sha>\"}}`. With ")
                .append("`--resolve-online` a tag the cache lacks is asked of the GitHub API (`GET /repos/{owner}/{repo}/")
                .append("git/ref/tags/{tag}`, annotated tags peeled through `git/tags/{sha}`; token from `GITHUB_TOKEN`, ")
                .append("base from `--github-api-url` or `GITHUB_API_URL`), and `--write` adds what it learns to the ")
                .append("cache. The permissions each action needs come from the knowledge file shipped with the engine, ")
                .append("`workflow-auditor-engine/src/main/resources/dev/tokenwarden/auditor/domain/fix/action-permissions.txt`, ")
                .append("whose header states which actions it covers and the GitHub documentation it follows.\n");
        return md.toString();
    }

    static String page(RuleInfo info, Optional<String> fix) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(info.id()).append("\n\n").append(BANNER);
        md.append("**").append(info.title()).append("** · default severity ").append(info.severity().label())
                .append(" · confidence ").append(info.confidence().label())
                .append(info.pedantic() ? " · pedantic (shown with `--persona pedantic` or `auditor`)" : "")
                .append("\n\n");
        md.append(info.description()).append("\n\n");
        md.append("**Fix:** ").append(info.remediation()).append("\n\n");
        fix.ifPresent(f -> md.append("**`tokenwarden-audit fix`** ").append(f).append(" ([Fixes](README.md#fixes))\n\n"));
        md.append("Reported:\n\n```yaml\n").append(info.exampleBad()).append("```\n\n");
        md.append("Fixed:\n\n```yaml\n").append(info.exampleFixed()).append("```\n\n");
        md.append("Turn it off with `rules: {").append(info.id()).append(": {enabled: false}}` in the configuration ")
                .append("file, or silence one finding with `# tokenwarden: ignore[").append(info.id())
                .append("]`. [All rules](README.md)\n");
        return md.toString();
    }
}
