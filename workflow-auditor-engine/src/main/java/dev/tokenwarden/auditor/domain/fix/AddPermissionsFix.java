package dev.tokenwarden.auditor.domain.fix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.model.Job;
import dev.tokenwarden.auditor.domain.model.Step;
import dev.tokenwarden.auditor.domain.model.UsesRef;
import dev.tokenwarden.auditor.domain.yaml.YamlMapping;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/**
 * {@code missing-permissions}: when every job's needs are known from {@link ActionPermissions}, adds
 * {@code permissions: contents: read} at the top and, to each job that needs more, a job-level block with exactly
 * what its actions need. When some job's needs are unknown, the top stays untouched (a top-level block would narrow
 * that job too); the known jobs get job-level blocks and the others are reported with the step that stopped them.
 */
final class AddPermissionsFix implements Fix {

    private static final FixInfo INFO = new FixInfo("missing-permissions",
            "adds `permissions: contents: read` at the top and, per job, the least permissions its actions need according to `action-permissions.txt`; a job with an action the file does not list, a reusable-workflow call, or a step that uses the GITHUB_TOKEN itself (`github.token`, `git push`, `gh`) gets no fix and the top is left alone");

    private static final Map<String, String> BASE = Map.of("contents", "read");
    /** Ways a step uses the GITHUB_TOKEN outside what an action's listed needs cover. */
    private static final Pattern TOKEN_USE = Pattern.compile(
            "github\\.token|secrets\\.github_token|\\bgit\\s+push\\b|(^|[\\s;&|(])gh\\s", Pattern.CASE_INSENSITIVE);

    private final ActionPermissions knowledge;

    AddPermissionsFix(ActionPermissions knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public FixInfo info() {
        return INFO;
    }

    /** A job's needs, or why they are unknown. */
    private record Needs(Optional<Map<String, String>> scopes, String unknownBecause) {
    }

    @Override
    public List<PlannedFix> plan(EditableWorkflow workflow, List<Finding> findings, FixOptions options) {
        Map<Finding, Job> jobs = new LinkedHashMap<>();
        List<PlannedFix> planned = new ArrayList<>();
        Map<Finding, Map<String, String>> known = new LinkedHashMap<>();
        for (Finding finding : findings) {
            Optional<Job> job = Jobs.at(workflow, finding);
            Needs need = job.map(j -> needs(workflow, j)).orElse(unknown("no job starts at this line"));
            if (need.scopes().isPresent()) {
                jobs.put(finding, job.get());
                known.put(finding, need.scopes().get());
            } else {
                planned.add(PlannedFix.unfixable(finding, need.unknownBecause()));
            }
        }
        Optional<TextEdit> top = planned.isEmpty()
                ? workflow.addEntry(workflow.workflow().root(), "jobs", "permissions", Optional.empty(), entries(BASE))
                : Optional.empty();
        Map<Finding, Optional<TextEdit>> blocks = new LinkedHashMap<>();
        known.forEach((finding, scopes) -> blocks.put(finding, top.isPresent() && scopes.equals(BASE) ? Optional.empty()
                : workflow.addEntry(jobs.get(finding).node(), "steps", "permissions", Optional.empty(), entries(scopes))));
        boolean topMode = top.isPresent() && blocks.entrySet().stream()
                .allMatch(b -> b.getValue().isPresent() || known.get(b.getKey()).equals(BASE));
        if (!topMode) {
            known.forEach((finding, scopes) -> blocks.put(finding, workflow.addEntry(jobs.get(finding).node(), "steps",
                    "permissions", Optional.empty(), entries(scopes))));
        }
        boolean topPlaced = false;
        for (Map.Entry<Finding, Optional<TextEdit>> block : blocks.entrySet()) {
            Finding finding = block.getKey();
            Job job = jobs.get(finding);
            Map<String, String> scopes = known.get(finding);
            if (block.getValue().isEmpty() && !topMode) {
                planned.add(PlannedFix.unfixable(finding, "the job's mapping has a shape the fixer does not edit"));
                continue;
            }
            List<TextEdit> edits = new ArrayList<>();
            if (topMode && !topPlaced) {
                edits.add(top.get());
                topPlaced = true;
            }
            block.getValue().ifPresent(edits::add);
            String description = block.getValue().isEmpty()
                    ? "workflow: permissions: contents: read, all job '" + job.id() + "' needs"
                    : "job '" + job.id() + "': permissions: " + render(scopes);
            planned.add(new PlannedFix.Edits(finding, edits, description));
        }
        return planned;
    }

    private Needs needs(EditableWorkflow workflow, Job job) {
        Optional<String> envTokenUse = Stream.of(workflow.workflow().env(), job.env())
                .flatMap(Optional::stream).flatMap(AddPermissionsFix::scalarValues).flatMap(t -> tokenUse(t).stream())
                .findFirst();
        if (envTokenUse.isPresent()) {
            return unknown("job '" + job.id() + "' puts the GITHUB_TOKEN in its environment (" + envTokenUse.get()
                    + "); what its steps need cannot be read from the workflow");
        }
        if (job.uses().isPresent()) {
            return unknown("job '" + job.id() + "' calls a reusable workflow, whose needs the fixer does not read");
        }
        Map<String, String> scopes = new TreeMap<>(BASE);
        for (Step step : job.steps()) {
            Optional<String> tokenUse = tokenUse(step);
            if (tokenUse.isPresent()) {
                return unknown("step '" + step.label() + "' of job '" + job.id() + "' uses the GITHUB_TOKEN itself ("
                        + tokenUse.get() + "); what it needs cannot be read from the workflow");
            }
            Optional<UsesRef> uses = step.usesRef();
            if (uses.isEmpty()) {
                continue;
            }
            if (uses.get().kind() != UsesRef.Kind.REPOSITORY) {
                return unknown("step '" + step.label() + "' of job '" + job.id() + "' runs a local or Docker action, "
                        + "not listed in action-permissions.txt");
            }
            Optional<Map<String, String>> actionNeeds = knowledge.needs(uses.get().action());
            if (actionNeeds.isEmpty()) {
                return unknown("job '" + job.id() + "' uses " + uses.get().action()
                        + ", which action-permissions.txt does not list");
            }
            actionNeeds.get().forEach((scope, level) -> scopes.merge(scope, level, (a, b) -> a.equals("write") ? a : b));
        }
        return new Needs(Optional.of(scopes), "");
    }

    private static Optional<String> tokenUse(Step step) {
        Stream<String> texts = Stream.concat(step.run().map(YamlScalar::value).stream(),
                Stream.of(step.with(), step.env()).flatMap(Optional::stream).flatMap(AddPermissionsFix::scalarValues));
        return texts.flatMap(t -> tokenUse(t).stream()).findFirst();
    }

    private static Optional<String> tokenUse(String text) {
        Matcher matcher = TOKEN_USE.matcher(text);
        return matcher.find() ? Optional.of(matcher.group().strip().toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    private static Stream<String> scalarValues(YamlMapping mapping) {
        return mapping.entries().stream().map(YamlMapping.Entry::value)
                .filter(YamlScalar.class::isInstance).map(v -> ((YamlScalar) v).value());
    }

    private static Needs unknown(String reason) {
        return new Needs(Optional.empty(), reason);
    }

    private static List<Map.Entry<String, String>> entries(Map<String, String> scopes) {
        List<Map.Entry<String, String>> ordered = new ArrayList<>();
        ordered.add(Map.entry("contents", scopes.getOrDefault("contents", "read")));
        scopes.forEach((scope, level) -> {
            if (!scope.equals("contents")) {
                ordered.add(Map.entry(scope, level));
            }
        });
        return ordered;
    }

    private static String render(Map<String, String> scopes) {
        return entries(scopes).stream().map(e -> e.getKey() + ": " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("");
    }
}
