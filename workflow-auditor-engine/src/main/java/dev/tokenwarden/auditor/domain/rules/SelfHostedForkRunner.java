package dev.tokenwarden.auditor.domain.rules;

import java.util.List;
import java.util.Optional;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Job;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlMapping;
import dev.tokenwarden.auditor.domain.yaml.YamlNode;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;
import dev.tokenwarden.auditor.domain.yaml.YamlTrees;

/** A self-hosted runner that a pull request from a fork can reach. */
public final class SelfHostedForkRunner implements Rule {

    /** Triggers that run code from a fork's pull request. */
    private static final List<String> FORK_TRIGGERS = List.of("pull_request", "pull_request_target");
    /** Other triggers any outsider can fire in a public repository, with text the job may process. */
    private static final List<String> PUBLIC_TRIGGERS = List.of("issue_comment", "issues", "pull_request_review",
            "pull_request_review_comment", "discussion", "discussion_comment", "fork", "watch");

    private static final RuleInfo INFO = new RuleInfo("self-hosted-fork-runner",
            "Self-hosted runner reachable from pull requests or other public events",
            Severity.HIGH, Confidence.MEDIUM,
            "In a public repository anyone can open a pull request, and a `pull_request` job runs the "
                    + "contributor's code. On a self-hosted runner that code can persist on the machine, read "
                    + "other jobs' secrets and reach the internal network. The rule cannot see whether the "
                    + "repository is public, hence medium confidence.",
            "Run pull request jobs on GitHub-hosted runners, or on ephemeral, isolated self-hosted runners "
                    + "with fork pull request approval required.",
            """
            on: pull_request
            jobs:
              test:
                runs-on: [self-hosted, linux]
            """,
            """
            on: pull_request
            jobs:
              test:
                runs-on: ubuntu-latest
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        Optional<String> forkTrigger = FORK_TRIGGERS.stream().filter(workflow::isTriggeredBy).findFirst();
        Optional<String> trigger = forkTrigger.or(() -> PUBLIC_TRIGGERS.stream().filter(workflow::isTriggeredBy).findFirst());
        if (trigger.isEmpty()) {
            return;
        }
        Severity severity = forkTrigger.isPresent() ? INFO.severity() : Severity.MEDIUM;
        Confidence confidence = forkTrigger.isPresent() ? INFO.confidence() : Confidence.LOW;
        for (Job job : workflow.jobs()) {
            Optional<YamlNode> runsOn = job.runsOn();
            if (runsOn.isPresent()) {
                List<YamlScalar> labels = runsOn.get() instanceof YamlMapping m
                        ? m.get("labels").map(YamlTrees::scalarValues).orElse(List.of())
                        : YamlTrees.scalarValues(runsOn.get());
                labels.stream().filter(l -> l.value().strip().equals("self-hosted")).findFirst()
                        .ifPresent(label -> context.report(label, "job '" + job.id() + "' runs on a self-hosted runner and the workflow runs on `"
                                + trigger.get() + "`", severity, confidence));
            }
        }
    }
}
