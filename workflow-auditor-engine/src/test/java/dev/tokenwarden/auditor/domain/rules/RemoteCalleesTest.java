package dev.tokenwarden.auditor.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.tokenwarden.auditor.domain.config.AuditConfig;
import dev.tokenwarden.auditor.domain.engine.Engine;
import dev.tokenwarden.auditor.domain.engine.InputFile;
import dev.tokenwarden.auditor.domain.engine.RemoteFiles;
import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.finding.ScanResult;

/** Taint passed with {@code with:} into a remote composite action or reusable workflow that {@link RemoteFiles} can read. */
class RemoteCalleesTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    private static final String CALLER = """
            on: pull_request_target
            jobs:
              greet:
                runs-on: ubuntu-latest
                steps:
                  - uses: acme/lib/greet@v1
                    with:
                      who: ${{ github.event.pull_request.title }}
              build:
                uses: acme/lib/.github/workflows/build.yml@%s
                with:
                  branch: ${{ github.event.pull_request.head.ref }}
            """.formatted(SHA);

    private static final String GREET_ACTION = """
            name: greet
            description: says hello
            inputs:
              who:
                required: true
            runs:
              using: composite
              steps:
                - run: echo "hello ${{ inputs.who }}"
                  shell: bash
            """;

    private static final String BUILD_WORKFLOW = """
            on:
              workflow_call:
                inputs:
                  branch: {type: string}
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - run: git log "${{ inputs.branch }}"
            """;

    /** The files of acme/lib, by "path@ref"; every read recorded. */
    private final Map<String, String> remoteFiles = Map.of(
            "greet/action.yaml@v1", GREET_ACTION,
            ".github/workflows/build.yml@" + SHA, BUILD_WORKFLOW);
    private final List<String> reads = new ArrayList<>();
    private final RemoteFiles remote = (owner, repo, path, ref) -> {
        reads.add(owner + "/" + repo + "/" + path + "@" + ref);
        return owner.equals("acme") && repo.equals("lib")
                ? Optional.ofNullable(remoteFiles.get(path + "@" + ref)).map(s -> s.getBytes(StandardCharsets.UTF_8))
                : Optional.empty();
    };

    private ScanResult scan(RemoteFiles files) {
        return new Engine(RuleCatalogue.standard(), AuditConfig.defaults())
                .scan(List.of(new InputFile(".github/workflows/pr.yml", CALLER.getBytes(StandardCharsets.UTF_8))), files);
    }

    private static List<Finding> injections(ScanResult result) {
        return result.findings().stream().filter(f -> f.ruleId().equals("template-injection")).toList();
    }

    @Test
    void taintIsFollowedIntoARemoteCompositeActionAndReusableWorkflow() {
        ScanResult result = scan(remote);

        assertThat(result.errors()).isEmpty();
        assertThat(injections(result)).extracting(f -> f.line() + " " + f.severity().label() + "/" + f.confidence().label())
                .containsExactly("8 high/high", "12 high/high");
        assertThat(injections(result).get(0).message())
                .contains("input `who`", "acme/lib/greet/action.yaml@v1 line 9 expands it into");
        assertThat(injections(result).get(1).message())
                .contains("input `branch`", "acme/lib/.github/workflows/build.yml@" + SHA + " line 9 expands it into");
        assertThat(reads).as("each callee read once though several rules ask")
                .containsExactlyInAnyOrder("acme/lib/greet/action.yml@v1", "acme/lib/greet/action.yaml@v1",
                        "acme/lib/.github/workflows/build.yml@" + SHA);
        assertThat(reads.indexOf("acme/lib/greet/action.yml@v1")).as("action.yml before action.yaml")
                .isLessThan(reads.indexOf("acme/lib/greet/action.yaml@v1"));
        assertThat(result.findings()).filteredOn(f -> f.ruleId().equals("dangerous-triggers"))
                .extracting(f -> f.confidence().label() + " " + f.message()).as("dangerous-triggers looks into the called workflow")
                .singleElement().asString().startsWith("high ")
                .contains("calls acme/lib/.github/workflows/build.yml@" + SHA + ", where job 'build' expands");
    }

    @Test
    void anUnreadableRemoteCalleeIsUntraceableAsOffline() {
        assertThat(injections(scan(RemoteFiles.NONE))).isEmpty();
        assertThat(injections(scan((owner, repo, path, ref) -> Optional.of("{ not: [yaml".getBytes(StandardCharsets.UTF_8)))))
                .isEmpty();
        assertThat(scan((owner, repo, path, ref) -> Optional.of("{ not: [yaml".getBytes(StandardCharsets.UTF_8))).errors())
                .as("a remote file's errors are not this scan's").isEmpty();
    }
}
