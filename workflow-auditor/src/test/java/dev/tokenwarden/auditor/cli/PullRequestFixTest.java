package dev.tokenwarden.auditor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenwarden.auditor.TestGitHub;
import dev.tokenwarden.auditor.TestWorkflows;
import dev.tokenwarden.auditor.api.TestApiKeys;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code tokenwarden-audit fix --pull-request} against the running service (its package is the CLI's, to reach it). */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class PullRequestFixTest {

    @TestHTTPResource("/")
    URI server;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void printsTheUrlOfThePullRequestTheServiceOpened() {
        TestGitHub.simulator().addRepository(TestGitHub.FIX_ORG, "cli-app").putFile(".github/workflows/ci.yml", TestWorkflows.NO_TIMEOUT);

        int exit = run(TestGitHub.FIX_ORG + "/cli-app", Optional.of(TestApiKeys.OPERATOR));

        assertThat(exit).as(err.toString()).isZero();
        String url = out.toString().strip();
        assertThat(url).contains("/" + TestGitHub.FIX_ORG + "/cli-app/pull/");
        assertThat(err.toString()).contains("fixed missing-timeout").contains("pull request opened");
        assertThat(TestGitHub.simulator().git().pullRequests(TestGitHub.FIX_ORG, "cli-app")).hasSize(1);
    }

    @Test
    void anErrorIsOneLineAndExitCodeTwo() {
        assertThat(run(TestGitHub.FIX_ORG + "/no-such-repo", Optional.of(TestApiKeys.OPERATOR))).isEqualTo(2);
        assertThat(err.toString()).startsWith("the workflow-auditor refused (404)").doesNotContain("Exception");
        assertThat(run(TestGitHub.FIX_ORG + "/cli-app", Optional.of(TestApiKeys.VIEWER))).isEqualTo(2);
        assertThat(run(TestGitHub.FIX_ORG + "/cli-app", Optional.empty())).isEqualTo(2);
        assertThat(err.toString()).contains(PullRequestFix.API_KEY_VARIABLE);
        assertThat(run("not-a-repository", Optional.of(TestApiKeys.OPERATOR))).isEqualTo(2);
    }

    private int run(String repository, Optional<String> apiKey) {
        return new PullRequestFix().run(server, repository, List.of(), Optional.empty(), apiKey, new PrintWriter(out, true),
                new PrintWriter(err, true));
    }
}
