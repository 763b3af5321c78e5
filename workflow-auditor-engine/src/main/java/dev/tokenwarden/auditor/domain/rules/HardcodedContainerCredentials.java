package dev.tokenwarden.auditor.domain.rules;

import java.util.Optional;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Job;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlMapping;
import dev.tokenwarden.auditor.domain.yaml.YamlNode;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/** A registry password written into {@code container.credentials} or {@code services.*.credentials}. */
public final class HardcodedContainerCredentials implements Rule {

    private static final RuleInfo INFO = new RuleInfo("hardcoded-container-credentials",
            "Registry password written in the workflow",
            Severity.HIGH, Confidence.HIGH,
            "A password under `credentials:` of a job container or service is in the repository for everyone "
                    + "who can read it, in every fork and clone, for ever, and cannot be rotated without "
                    + "rewriting history. The finding never repeats the value.",
            "Store the password as a secret and reference it: `password: ${{ secrets.REGISTRY_PASSWORD }}`; then "
                    + "revoke the exposed one.",
            """
            container:
              image: registry.example.com/build@sha256:<digest>
              credentials:
                username: ci
                password: hunter2
            """,
            """
            container:
              image: registry.example.com/build@sha256:<digest>
              credentials:
                username: ci
                password: ${{ secrets.REGISTRY_PASSWORD }}
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        for (Job job : workflow.jobs()) {
            job.container().ifPresent(c -> check(c, "job '" + job.id() + "' container", context));
            job.services().ifPresent(services -> services.entries()
                    .forEach(e -> check(e.value(), "service '" + e.key().value() + "'", context)));
        }
    }

    private static void check(YamlNode container, String what, RuleContext context) {
        Optional<YamlScalar> password = container instanceof YamlMapping m
                ? m.mapping("credentials").flatMap(c -> c.scalar("password")) : Optional.empty();
        password.filter(p -> !p.isNull() && !p.value().isBlank() && !p.value().contains("${{"))
                .ifPresent(p -> context.report(p, what + " has a registry password written in the workflow"));
    }
}
