package dev.tokenwarden.auditor.domain.rules;

import java.util.Optional;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Job;
import dev.tokenwarden.auditor.domain.model.UsesRef;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlMapping;
import dev.tokenwarden.auditor.domain.yaml.YamlNode;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/** A container image ({@code docker://}, {@code container:}, {@code services:}) without a digest. */
public final class UnpinnedImage implements Rule {

    private static final RuleInfo INFO = new RuleInfo("unpinned-image",
            "Container image without a digest",
            Severity.MEDIUM, Confidence.HIGH,
            "An image tag, like an action tag, can be re-pushed. The job then runs whatever the registry "
                    + "serves today, with the job's token and secrets. Applies to `uses: docker://...`, "
                    + "`container:` and `services:` images.",
            "Reference the image by digest: `image@sha256:<digest>` (keep the tag in a comment).",
            """
            container: node:22
            """,
            """
            container: node:22@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef # 22.11
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        workflow.steps().forEach(s -> s.step().usesRef()
                .filter(ref -> ref.kind() == UsesRef.Kind.DOCKER)
                .ifPresent(ref -> checkImage(s.step().uses().orElseThrow(), ref.path(), "step image", context)));
        for (Job job : workflow.jobs()) {
            job.container().ifPresent(c -> checkContainer(c, "job '" + job.id() + "' container", context));
            job.services().ifPresent(services -> services.entries().forEach(
                    e -> checkContainer(e.value(), "service '" + e.key().value() + "'", context)));
        }
    }

    private static void checkContainer(YamlNode container, String what, RuleContext context) {
        Optional<YamlScalar> image = container instanceof YamlMapping m ? m.scalar("image")
                : container instanceof YamlScalar s ? Optional.of(s) : Optional.empty();
        image.ifPresent(i -> checkImage(i, i.value(), what, context));
    }

    private static void checkImage(YamlScalar at, String image, String what, RuleContext context) {
        if (image.isBlank() || image.contains("${{") || UsesRef.imageHasDigest(image)) {
            return;
        }
        context.report(at, what + " `" + image + "` has no digest");
    }
}
