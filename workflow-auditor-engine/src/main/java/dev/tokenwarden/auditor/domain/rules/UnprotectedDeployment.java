package dev.tokenwarden.auditor.domain.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tokenwarden.auditor.domain.expr.ContextPath;
import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Job;
import dev.tokenwarden.auditor.domain.model.Step;
import dev.tokenwarden.auditor.domain.model.UsesRef;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;
import dev.tokenwarden.auditor.domain.yaml.YamlTrees;

/**
 * A job that deploys or publishes, or reads deployment-tier secrets, without an {@code environment:} whose
 * protection rules (reviewers, branch policy, environment-scoped secrets) would guard it. Option
 * {@code deployment-secret-words}: words of secret names (split at {@code _}, {@code -} and {@code .}) that
 * mark the deployment tier.
 */
public final class UnprotectedDeployment implements Rule {

    static final List<String> DEFAULT_SECRET_WORDS = List.of("deploy", "deployment", "prod", "production");

    /** Actions whose only purpose is to deploy, publish, or log in to a cloud to do so. */
    private static final Set<String> DEPLOY_ACTIONS = Set.of(
            "aws-actions/configure-aws-credentials", "aws-actions/amazon-ecs-deploy-task-definition",
            "azure/login", "azure/webapps-deploy", "azure/k8s-deploy",
            "google-github-actions/auth", "google-github-actions/deploy-cloudrun",
            "google-github-actions/deploy-appengine", "actions/deploy-pages", "pypa/gh-action-pypi-publish",
            "cloudflare/wrangler-action", "superfly/flyctl-actions", "peaceiris/actions-gh-pages");

    /** Shell commands (first word) and the sub-commands that make them deploy or publish. */
    private static final Map<String, Set<String>> DEPLOY_COMMANDS = Map.ofEntries(
            Map.entry("npm", Set.of("publish")), Map.entry("yarn", Set.of("publish")),
            Map.entry("pnpm", Set.of("publish")), Map.entry("twine", Set.of("upload")),
            Map.entry("cargo", Set.of("publish")), Map.entry("gem", Set.of("push")),
            Map.entry("docker", Set.of("push")), Map.entry("kubectl", Set.of("apply")),
            Map.entry("helm", Set.of("upgrade", "install")), Map.entry("terraform", Set.of("apply")),
            Map.entry("poetry", Set.of("publish")), Map.entry("flyctl", Set.of("deploy")),
            Map.entry("mvn", Set.of("deploy")), Map.entry("./mvnw", Set.of("deploy")),
            Map.entry("gradle", Set.of("publish")), Map.entry("./gradlew", Set.of("publish")),
            Map.entry("dotnet", Set.of("push")));

    private static final RuleInfo INFO = new RuleInfo("unprotected-deployment",
            "Deploying or publishing job without an environment",
            Severity.MEDIUM, Confidence.MEDIUM,
            "Environments are where GitHub enforces required reviewers, wait timers, branch restrictions and "
                    + "environment-scoped secrets. A job that deploys, publishes a package, or reads "
                    + "deployment-tier secrets without `environment:` can be run by anyone who can push a "
                    + "branch that triggers it, and its secrets must live at repository level where every "
                    + "workflow can read them. Detected from deploy and publish actions, commands such as "
                    + "`npm publish`, `docker push`, `kubectl apply` or `mvn deploy`, and secret names containing "
                    + "a word listed in the option `deployment-secret-words` (default: deploy, deployment, prod, "
                    + "production; `PROD_DB_URL` matches, `PRODUCT_KEY` does not).",
            "Add `environment: <name>` to the job, protect that environment, and move its secrets into it.",
            """
            jobs:
              publish:
                runs-on: ubuntu-latest
                steps:
                  - run: npm publish
                    env:
                      NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}
            """,
            """
            jobs:
              publish:
                runs-on: ubuntu-latest
                environment: npm
                steps:
                  - run: npm publish
                    env:
                      NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        Set<String> words = context.options().strings("deployment-secret-words", DEFAULT_SECRET_WORDS)
                .stream().map(w -> w.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        for (Job job : workflow.jobs()) {
            if (job.environment().isPresent() || job.uses().isPresent()) {
                continue;
            }
            reason(job, words).ifPresent(reason -> context.report(job.idKey(),
                    "job '" + job.id() + "' " + reason + " but has no `environment:`", INFO.severity()));
        }
    }

    private static Optional<String> reason(Job job, Set<String> words) {
        for (Step step : job.steps()) {
            Optional<UsesRef> uses = step.usesRef();
            if (uses.isPresent() && uses.get().kind() == UsesRef.Kind.REPOSITORY) {
                if (DEPLOY_ACTIONS.contains(uses.get().repository()) || DEPLOY_ACTIONS.contains(uses.get().action())) {
                    return Optional.of("deploys with `" + uses.get().action() + "`");
                }
                if (uses.get().is("docker/build-push-action") && pushes(step)) {
                    return Optional.of("pushes an image with docker/build-push-action");
                }
            }
            Optional<String> command = step.run().flatMap(run -> deployCommand(run.value()));
            if (command.isPresent()) {
                return Optional.of("runs `" + command.get() + "`");
            }
        }
        for (YamlScalar value : YamlTrees.scalarValues(job.node())) {
            Optional<ContextPath> secret = ScopedValues.firstCarried(value.value(), path ->
                    path.root().equals("secrets") && path.segments().size() > 1
                            && Arrays.stream(path.segments().get(1).split("[_.-]")).anyMatch(words::contains));
            if (secret.isPresent()) {
                return Optional.of("reads the deployment secret `" + secret.get() + "`");
            }
        }
        return Optional.empty();
    }

    private static boolean pushes(Step step) {
        return step.with().flatMap(w -> w.text("push")).map(p -> !p.strip().equals("false")).orElse(false);
    }

    private static Optional<String> deployCommand(String script) {
        for (ShellScript.Line line : ShellScript.lines(script)) {
            for (String command : line.text().split("&&|\\|\\||;|\\|")) {
                String[] words = command.strip().split("\\s+");
                int first = words[0].equals("sudo") && words.length > 1 ? 1 : 0;
                Set<String> subcommands = DEPLOY_COMMANDS.get(words[first]);
                if (subcommands == null) {
                    continue;
                }
                for (int i = first + 1; i < words.length; i++) {
                    if (subcommands.contains(words[i])) {
                        return Optional.of(words[first] + " " + words[i]);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
