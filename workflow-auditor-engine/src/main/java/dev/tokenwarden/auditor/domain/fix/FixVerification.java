package dev.tokenwarden.auditor.domain.fix;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tokenwarden.auditor.domain.engine.Engine;
import dev.tokenwarden.auditor.domain.engine.InputFile;
import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.finding.ScanResult;

/**
 * Checks a fixed file before it is kept: it still parses as a workflow, each fixed rule reports no more findings
 * in it than were left unfixable, and no other rule reports something new there.
 */
public final class FixVerification {

    /**
     * Rules a fix may make report where they did not: explicit job permissions name the write scopes the default
     * token granted silently, which {@code write-permissions} then reports. That is the fix showing, not adding, a risk.
     */
    private static final Map<String, Set<String>> REVEALS = Map.of("missing-permissions", Set.of("write-permissions"));

    private FixVerification() {
    }

    /**
     * Re-scans {@code files} (the whole scan the findings came from, so local callees resolve as before) with the
     * outcome's new text in place of its file. Empty when the fix holds, else why it does not.
     */
    public static Optional<String> verify(Engine engine, List<InputFile> files, FixOutcome outcome) {
        if (!outcome.changed()) {
            return Optional.empty();
        }
        List<InputFile> fixed = new ArrayList<>();
        for (InputFile file : files) {
            fixed.add(file.path().equals(outcome.path())
                    ? new InputFile(file.path(), outcome.newText().getBytes(StandardCharsets.UTF_8)) : file);
        }
        ScanResult before = engine.scan(files);
        ScanResult after = engine.scan(fixed);
        Optional<String> error = after.errors().stream().filter(e -> e.file().equals(outcome.path()))
                .map(e -> "the fixed file no longer parses: " + e.message()).findFirst();
        if (error.isPresent()) {
            return error;
        }
        Set<String> fixedRules = outcome.applied().stream().map(AppliedFix::ruleId).collect(Collectors.toSet());
        Map<String, Long> left = outcome.unfixable().stream()
                .collect(Collectors.groupingBy(UnfixableFinding::ruleId, Collectors.counting()));
        Map<String, Long> firing = count(after, outcome.path());
        for (String rule : fixedRules) {
            long now = firing.getOrDefault(rule, 0L);
            if (now > left.getOrDefault(rule, 0L)) {
                return Optional.of("rule " + rule + " still reports " + now + " finding(s) after the fix");
            }
        }
        Map<String, Long> earlier = count(before, outcome.path());
        Set<String> revealed = fixedRules.stream().flatMap(r -> mayReveal(r).stream()).collect(Collectors.toSet());
        for (Map.Entry<String, Long> rule : firing.entrySet()) {
            if (!fixedRules.contains(rule.getKey()) && !revealed.contains(rule.getKey())
                    && rule.getValue() > earlier.getOrDefault(rule.getKey(), 0L)) {
                return Optional.of("the fix made rule " + rule.getKey() + " report a new finding");
            }
        }
        return Optional.empty();
    }

    /** The rules that fixing {@code ruleId} may make report (see {@link #REVEALS}). */
    static Set<String> mayReveal(String ruleId) {
        return REVEALS.getOrDefault(ruleId, Set.of());
    }

    private static Map<String, Long> count(ScanResult result, String path) {
        Map<String, Long> counts = new HashMap<>();
        for (Finding finding : result.findings()) {
            if (finding.file().equals(path)) {
                counts.merge(finding.ruleId(), 1L, Long::sum);
            }
        }
        return counts;
    }
}
