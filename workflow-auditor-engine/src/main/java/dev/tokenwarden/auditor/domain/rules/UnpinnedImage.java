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

/**
 * A container image ({@code docker://} steps, {@code container:}, {@code services:}) without a digest: all
 * three kinds are checked alike. No tag or {@code latest} is high (it moves with every push), a version tag
 * medium (it can be re-pushed).
 */
public final class UnpinnedImage implements Rule {

    private static final RuleInfo INFO = new RuleInfo("unpinned-image",
            "Container image without a digest",
            Severity.MEDIUM, Confidence.HIGH,
            "An image tag, like an action tag, can be re-pushed. The job then runs whatever the registry "
                    + "serves today, with the job's token and secrets. Applies alike to `uses: docker://...` "
                    + "steps, `container:` and `services:` images. An image with no tag, or `latest`, changes "
                    + "with every push of its publisher: high. A version tag (`node:22`) changes only when "
                    + "re-pushed: medium. zizmor reports a version tag only in its pedantic persona; this rule "
                    + "reports it by default because a re-pushed tag is exactly how such an image is swapped. "
                    + "An image named by an expression (`${{ matrix.image }}`) is not reported.",
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
        String name = image.substring(image.lastIndexOf('/') + 1);
        boolean floating = !name.contains(":") || name.endsWith(":latest");
        context.report(at, what + " `" + image + "` has no digest" + (floating ? " and no version tag: it moves with every push" : ""),
                floating ? Severity.HIGH : Severity.MEDIUM, Confidence.HIGH);
    }
}
