package dev.tokenwarden.auditor.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenwarden.auditor.domain.cache.BlobCache;
import dev.tokenwarden.auditor.domain.engine.InputFile;
import dev.tokenwarden.platform.github.GitHubClient;
import dev.tokenwarden.platform.github.GitHubSettings;
import dev.tokenwarden.platform.github.RateLimitListener;
import dev.tokenwarden.platform.vault.InternalGitHubToken;
import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.github.RecordedExchange;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against the GitHub simulator: a workflow whose blob was read before, in any repository, is not read again. */
class AuditorGitHubBlobCacheTest {
    private static final String TEMPLATE = "on: push\njobs:\n  ci:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n";

    private final GitHubSimulator github = GitHubSimulator.start(Clock.systemUTC());
    private final AuditorGitHub auditor = new AuditorGitHub(
            GitHubClient.create(GitHubSettings.defaults(URI.create(github.baseUrl())), Clock.systemUTC(), RateLimitListener.NONE),
            new InternalGitHubToken(Optional.empty(), Optional.of(github.registerClassicPat("auditor-bot", List.of("repo"), null)), null,
                    Clock.systemUTC()),
            new BlobCache(1 << 20));

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void aCopiedOrUnchangedWorkflowCostsOnlyItsTreeRead() {
        github.addRepository("acme", "api").putFile(".github/workflows/ci.yml", TEMPLATE)
                .putFile(".github/workflows/release.yml", "on: release\n");
        github.addRepository("acme", "web").putFile(".github/workflows/ci.yml", TEMPLATE);

        assertThat(paths(auditor.workflowFiles("acme", "api", "main").files())).containsExactly(".github/workflows/ci.yml",
                ".github/workflows/release.yml");
        assertThat(contentReads()).isEqualTo(2);

        github.clearRequests();
        List<InputFile> copied = auditor.workflowFiles("acme", "web", "main").files();
        assertThat(paths(copied)).containsExactly(".github/workflows/ci.yml");
        assertThat(new String(copied.getFirst().content(), StandardCharsets.UTF_8)).isEqualTo(TEMPLATE);
        assertThat(contentReads()).isZero();

        github.clearRequests();
        github.addRepository("acme", "api").putFile(".github/workflows/release.yml", "on: [release, workflow_dispatch]\n");
        List<InputFile> changed = auditor.workflowFiles("acme", "api", "main").files();
        assertThat(new String(changed.get(1).content(), StandardCharsets.UTF_8)).isEqualTo("on: [release, workflow_dispatch]\n");
        assertThat(contentReads()).as("only the changed file is read").isEqualTo(1);
        assertThat(github.requests()).hasSize(2);
    }

    private long contentReads() {
        return github.requests().stream().map(RecordedExchange::path).filter(path -> path.contains("/contents/")).count();
    }

    private static List<String> paths(List<InputFile> files) {
        return files.stream().map(InputFile::path).toList();
    }
}
