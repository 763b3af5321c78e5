package dev.tokenwarden.auditor.domain.rules;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Step;
import dev.tokenwarden.auditor.domain.model.UsesRef;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlMapping;

/** A release workflow that restores a cache other workflows (and pull requests) can write. */
public final class CachePoisoning implements Rule {

    /** Actions that always restore a cache. */
    private static final Set<String> CACHING = Set.of("actions/cache", "actions/cache/restore", "swatinem/rust-cache");

    /** Setup actions and the input that turns their cache on; setup-go and setup-gradle cache unless told not to. */
    private static final Map<String, String> OPT_IN_CACHE = Map.of("actions/setup-node", "cache",
            "actions/setup-python", "cache", "actions/setup-java", "cache", "actions/setup-dotnet", "cache");
    /** Actions that publish a release: a workflow using one is a release workflow whatever triggers it. */
    private static final Set<String> PUBLISHING = Set.of("pypa/gh-action-pypi-publish", "softprops/action-gh-release",
            "goreleaser/goreleaser-action", "ncipollo/release-action", "actions/create-release",
            "rust-lang/crates-io-auth-action", "googleapis/release-please-action");
    private static final Map<String, String> OPT_OUT_CACHE = Map.of("actions/setup-go", "cache",
            "gradle/actions/setup-gradle", "cache-disabled");

    private static final RuleInfo INFO = new RuleInfo("cache-poisoning",
            "Release workflow restores a shared cache",
            Severity.HIGH, Confidence.MEDIUM,
            "The Actions cache is shared across workflows of a repository: a job running untrusted code (a pull "
                    + "request build, or any job after a compromise) can save entries that a release job later "
                    + "restores, putting the attacker's dependencies or build outputs into a signed release. "
                    + "Release workflows are those triggered by `release` or by pushed tags, or that use a "
                    + "publishing action (PyPI, GitHub releases, GoReleaser). Confidence is medium where the "
                    + "cache is on for certain, low for `actions/setup-node` without a `cache:` input: from v5 it "
                    + "caches by itself only when `package.json` names a `packageManager`, which the rule cannot see.",
            "Do not restore caches in release workflows: remove `actions/cache`, set `cache: false` (setup-go), "
                    + "`cache-disabled: true` (setup-gradle), `package-manager-cache: false` (setup-node), or drop the "
                    + "`cache:` input of setup actions.",
            """
            on:
              push:
                tags: ['v*']
            jobs:
              release:
                steps:
                  - uses: actions/setup-node@<sha>
                    with:
                      cache: npm
            """,
            """
            on:
              push:
                tags: ['v*']
            jobs:
              release:
                steps:
                  - uses: actions/setup-node@<sha>
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        if (!isRelease(workflow)) {
            return;
        }
        workflow.steps().forEach(s -> {
            Step step = s.step();
            cacheAction(step).ifPresent(action -> context.report(step.uses().orElseThrow(),
                    "release workflow restores a cache with `" + action + "`"));
            if (cacheAction(step).isEmpty() && impliesNodeCache(step)) {
                context.report(step.uses().orElseThrow(), "release workflow runs `actions/setup-node`, which from v5 "
                        + "restores a package-manager cache unless `package-manager-cache: false`",
                        INFO.severity(), Confidence.LOW);
            }
        });
    }

    private static boolean impliesNodeCache(Step step) {
        return step.usesRef().map(u -> u.is("actions/setup-node")).orElse(false)
                && !step.with().flatMap(w -> w.text("package-manager-cache")).map(v -> v.strip().equals("false")).orElse(false);
    }

    private static boolean isRelease(Workflow workflow) {
        if (workflow.isTriggeredBy("release")) {
            return true;
        }
        boolean publishes = workflow.steps().anyMatch(s -> s.step().usesRef()
                .filter(u -> u.kind() == UsesRef.Kind.REPOSITORY).map(u -> PUBLISHING.contains(u.action())).orElse(false));
        if (publishes) {
            return true;
        }
        return workflow.triggers().stream().filter(t -> t.name().equals("push"))
                .anyMatch(t -> t.config().orElse(null) instanceof YamlMapping push && push.has("tags"));
    }

    private static Optional<String> cacheAction(Step step) {
        Optional<UsesRef> uses = step.usesRef().filter(u -> u.kind() == UsesRef.Kind.REPOSITORY);
        if (uses.isEmpty()) {
            return Optional.empty();
        }
        String action = uses.get().action();
        Optional<YamlMapping> with = step.with();
        if (CACHING.contains(action)) {
            return Optional.of(action);
        }
        if (OPT_IN_CACHE.containsKey(action)) {
            Optional<String> cache = with.flatMap(w -> w.text(OPT_IN_CACHE.get(action))).filter(c -> !c.isBlank() && !c.equals("false"));
            return cache.map(c -> action);
        }
        if (OPT_OUT_CACHE.containsKey(action)) {
            String input = OPT_OUT_CACHE.get(action);
            String off = input.equals("cache") ? "false" : "true";
            boolean disabled = with.flatMap(w -> w.text(input)).map(v -> v.equals(off)).orElse(false);
            return disabled ? Optional.empty() : Optional.of(action);
        }
        return Optional.empty();
    }
}
