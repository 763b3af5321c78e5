package dev.tokenwarden.platform.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenwarden.events.RateLimitObservation;
import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.github.GitHubWebhooks;
import dev.tokenwarden.sandbox.github.ManualClock;
import dev.tokenwarden.sandbox.github.RecordedExchange;
import dev.tokenwarden.sandbox.github.SimulatedApp;
import dev.tokenwarden.sandbox.github.SimulatedRepository;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the GitHub simulator: operations, retries, rate limits, the circuit breaker, redaction. */
class GitHubClientTest {
    private static final long APP_ID = 4242;
    private static final long INSTALLATION_ID = 77;
    private static final String ORG = "acme";
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    private final ManualClock clock = new ManualClock(START);
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final List<RateLimitObservation> observations = new CopyOnWriteArrayList<>();
    private GitHubSimulator github;
    private SimulatedApp app;
    private GitHubClient client;

    @BeforeEach
    void start() {
        github = GitHubSimulator.start(clock);
        app = github.registerApp(APP_ID);
        github.addInstallation(APP_ID, INSTALLATION_ID, ORG, List.of("api", "web"),
                Map.of("contents", "write", "metadata", "read", "issues", "write", "secret_scanning_alerts", "read",
                        "organization_personal_access_tokens", "write"));
        client = client(GitHubSettings.defaults(URI.create(github.baseUrl())));
    }

    @AfterEach
    void stop() {
        github.close();
    }

    private GitHubClient client(GitHubSettings settings) {
        // The sleeper moves the shared clock, so waits are real to both sides and cost no time.
        Sleeper sleeper = duration -> {
            sleeps.add(duration);
            clock.advance(duration);
        };
        return new GitHubClient(settings, clock, sleeper, new SplittableRandom(7), observations::add);
    }

    private GitHubApp gitHubApp() {
        return GitHubApp.of(APP_ID, app.clientId(), app.privateKeyPem());
    }

    private InstallationToken mint(Map<String, String> permissions, List<String> repositories) {
        return client.createInstallationToken(gitHubApp(), INSTALLATION_ID, new InstallationTokenRequest(permissions, repositories));
    }

    // ---- GitHub Apps

    @Test
    void mintsATokenNarrowedToPermissionsAndRepositories() {
        InstallationToken token = mint(Map.of("contents", "read"), List.of("api"));

        assertThat(token.value()).matches("ghs_[A-Za-z0-9]{36}");
        assertThat(token.expiresAt()).isEqualTo(START.plus(Duration.ofHours(1)));
        assertThat(token.permissions()).isEqualTo(Map.of("contents", "read"));
        assertThat(token.repositories()).containsExactly("api");
        assertThat(token.repositorySelection()).isEqualTo("selected");
        assertThat(token.installationKey()).isEqualTo(APP_ID + "/" + INSTALLATION_ID);
        assertThat(github.isValid(token.value())).isTrue();

        github.addRepository(ORG, "api").putFile("README.md", "hello");
        assertThat(client.getTree(token.credential(), ORG, "api", "main").files()).extracting(RepositoryTree.Entry::path)
                .containsExactly("README.md");
        assertThatThrownBy(() -> client.getTree(token.credential(), ORG, "web", "main"))
                .isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> client.createIssue(token.credential(), ORG, "api", new IssueDraft("t", null, List.of())))
                .as("contents:read does not allow writing issues")
                .isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void verifiesAnInstallationTokenWithARealCallUntilItIsRevoked() {
        InstallationToken token = mint(Map.of("contents", "read"), List.of("api"));

        assertThat(client.verifyInstallationToken(token.credential())).contains(1);
        client.revokeInstallationToken(token.credential());
        assertThat(client.verifyInstallationToken(token.credential())).isEmpty();
    }

    @Test
    void mintingMoreThanTheInstallationHasIsRefused() {
        assertThatThrownBy(() -> mint(Map.of("administration", "write"), List.of()))
                .isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.status()).isEqualTo(422));
        assertThatThrownBy(() -> mint(Map.of(), List.of("not-installed")))
                .isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.status()).isEqualTo(422));
    }

    @Test
    void appJwtFromPkcs8KeyAndAppIdIssuerIsAccepted() {
        GitHubApp byAppId = GitHubApp.of(APP_ID, Long.toString(APP_ID), app.privateKeyPkcs8Pem());
        Installation installation = client.getInstallation(byAppId, INSTALLATION_ID);

        assertThat(installation.account()).isEqualTo(ORG);
        assertThat(installation.key()).isEqualTo(APP_ID + "/" + INSTALLATION_ID);
        assertThat(installation.repositorySelection()).isEqualTo("selected");
        assertThat(installation.permissions()).containsEntry("issues", "write");
        assertThat(installation.suspended()).isFalse();
    }

    @Test
    void appJwtSignedWithAnotherKeyOrOutsideItsLifetimeIsRejected() {
        SimulatedApp other = github.registerApp(9999);
        GitHubApp wrongKey = GitHubApp.of(APP_ID, app.clientId(), other.privateKeyPem());
        assertThatThrownBy(() -> client.getInstallation(wrongKey, INSTALLATION_ID))
                .isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.status()).isEqualTo(401));

        // A JWT made 15 minutes ago has expired by GitHub's clock.
        ManualClock lagging = new ManualClock(START.minus(Duration.ofMinutes(15)));
        GitHubClient laggingClient = new GitHubClient(GitHubSettings.defaults(URI.create(github.baseUrl())), lagging,
                duration -> { }, new SplittableRandom(1), RateLimitListener.NONE);
        assertThatThrownBy(() -> laggingClient.getInstallation(gitHubApp(), INSTALLATION_ID))
                .isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void revokingATokenEndsItAndAnExpiredOrRevokedOneCountsAsDone() {
        InstallationToken token = mint(Map.of(), List.of());
        assertThat(client.revokeInstallationToken(token.credential())).isEqualTo(RevocationOutcome.REVOKED);
        assertThat(github.isRevoked(token.value())).isTrue();
        assertThat(client.revokeInstallationToken(token.credential())).isEqualTo(RevocationOutcome.ALREADY_INVALID);

        InstallationToken expiring = mint(Map.of(), List.of());
        clock.advance(Duration.ofMinutes(61));
        assertThat(github.isValid(expiring.value())).isFalse();
        assertThat(client.revokeInstallationToken(expiring.credential())).isEqualTo(RevocationOutcome.ALREADY_INVALID);
    }

    @Test
    void longFormInstallationTokensWork() {
        github.useLongInstallationTokens(true);
        InstallationToken token = mint(Map.of("contents", "read"), List.of("api"));

        assertThat(token.value()).hasSizeGreaterThan(500).matches("ghs_[A-Za-z0-9._-]{36,}");
        assertThat(client.revokeInstallationToken(token.credential())).isEqualTo(RevocationOutcome.REVOKED);
    }

    // ---- PATs

    @Test
    void validatesAClassicPatsScopesAndExpiry() {
        Instant expiry = START.plus(Duration.ofDays(30));
        String pat = github.registerClassicPat("machine-user", List.of("repo", "write:packages"), expiry);

        TokenValidation validation = client.validateToken(GitHubCredential.token(pat, "pat:packages")).orElseThrow();

        assertThat(validation.login()).isEqualTo("machine-user");
        assertThat(validation.scopesReported()).isTrue();
        assertThat(validation.classicScopes()).containsExactlyInAnyOrder("repo", "write:packages");
        assertThat(validation.expiresAt()).contains(expiry);
    }

    @Test
    void validatesAFineGrainedPatWithoutScopesAndRefusesAnUnknownOne() {
        Instant expiry = START.plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);
        String pat = github.registerFineGrainedPat("dev", expiry);

        TokenValidation validation = client.validateToken(GitHubCredential.token(pat, "pat:dev")).orElseThrow();
        assertThat(validation.scopesReported()).isFalse();
        assertThat(validation.classicScopes()).isEmpty();
        assertThat(validation.expiresAt()).contains(expiry);

        assertThat(client.validateToken(GitHubCredential.token("ghp_" + "x".repeat(36), "pat:unknown"))).isEmpty();
    }

    @Test
    void readsBothFormsOfTheExpirationHeader() {
        assertThat(GitHubClient.parseExpiration("GET /user", "2026-03-11 23:51:38 UTC")).isEqualTo(Instant.parse("2026-03-11T23:51:38Z"));
        assertThat(GitHubClient.parseExpiration("GET /user", "2026-04-18 08:09:35 -0700")).isEqualTo(Instant.parse("2026-04-18T15:09:35Z"));
        assertThatThrownBy(() -> GitHubClient.parseExpiration("GET /user", "tomorrow")).isInstanceOf(GitHubApiException.class);
    }

    @Test
    void revokesPatsThroughTheCredentialRevocationApi() {
        String classic = github.registerClassicPat("a", List.of("repo"), null);
        String fineGrained = github.registerFineGrainedPat("b", START.plus(Duration.ofDays(1)));

        client.revokeCredentials("token-broker", List.of(GitHubCredential.token(classic, "pat:a"), GitHubCredential.token(fineGrained, "pat:b")));

        assertThat(github.isRevoked(classic)).isTrue();
        assertThat(github.isRevoked(fineGrained)).isTrue();
        assertThat(client.validateToken(GitHubCredential.token(classic, "pat:a"))).isEmpty();
        assertThat(github.requests()).filteredOn(r -> r.path().equals("/credentials/revoke"))
                .singleElement().satisfies(r -> assertThat(r.authScheme()).isEqualTo("none"));
    }

    @Test
    void listsAndRevokesAnOrganisationsFineGrainedPatGrant() {
        String pat = github.registerFineGrainedPat("dev", START.plus(Duration.ofDays(30)));
        long patId = github.grantOrgAccess(ORG, pat, "deploy-bot");
        GitHubCredential installation = mint(Map.of("organization_personal_access_tokens", "write"), List.of()).credential();

        assertThat(client.listOrgPatGrants(installation, ORG)).singleElement().satisfies(grant -> {
            assertThat(grant.id()).isEqualTo(patId);
            assertThat(grant.tokenName()).isEqualTo("deploy-bot");
            assertThat(grant.owner()).isEqualTo("dev");
        });
        assertThat(client.revokeOrgPatGrant(installation, ORG, patId)).isEqualTo(RevocationOutcome.REVOKED);
        assertThat(github.orgGrantExists(patId)).isFalse();
        assertThat(client.revokeOrgPatGrant(installation, ORG, patId)).isEqualTo(RevocationOutcome.ALREADY_INVALID);
    }

    // ---- repositories

    @Test
    void fetchesWorkflowFilesThroughTheTreeAndContentsApis() {
        github.addRepository(ORG, "api")
                .putFile(".github/workflows/ci.yml", "on: push\n")
                .putFile(".github/workflows/release.yaml", "on: release\n")
                .putFile(".github/workflows/scripts/helper.yml", "not a workflow")
                .putFile(".github/dependabot.yml", "version: 2\n")
                .putFile("src/Main.java", "class Main {}");
        GitHubCredential token = mint(Map.of("contents", "read"), List.of("api")).credential();

        RepositoryTree tree = client.getTree(token, ORG, "api", "main");
        assertThat(tree.truncated()).isFalse();
        assertThat(tree.workflowFiles()).extracting(RepositoryTree.Entry::path)
                .containsExactly(".github/workflows/ci.yml", ".github/workflows/release.yaml");

        RepositoryFile file = client.getFile(token, ORG, "api", ".github/workflows/ci.yml", Optional.of("main")).orElseThrow();
        assertThat(file.text()).isEqualTo("on: push\n");
        assertThat(file.sha()).isEqualTo(tree.workflowFiles().get(0).sha());
        assertThat(client.getFile(token, ORG, "api", ".github/workflows/missing.yml", Optional.empty())).isEmpty();
        assertThat(client.getFile(token, ORG, "api", ".github/workflows/ci.yml", Optional.of("no-such-branch"))).isEmpty();
    }

    @Test
    void aPullRequestWebhooksHeadShaIsAUsableRef() throws Exception {
        SimulatedRepository repo = github.addRepository(ORG, "api").putFile(".github/workflows/pr.yml", "on: pull_request\n");
        GitHubWebhooks.Delivery delivery = github.webhooks("secret").pullRequest(repo, INSTALLATION_ID, "opened", 3, "contributor", "feature");
        String headSha = new ObjectMapper().readTree(delivery.body()).path("pull_request").path("head").path("sha").asText();
        GitHubCredential token = mint(Map.of("contents", "read"), List.of("api")).credential();

        assertThat(client.getTree(token, ORG, "api", headSha).workflowFiles()).extracting(RepositoryTree.Entry::path)
                .containsExactly(".github/workflows/pr.yml");
        assertThat(client.getFile(token, ORG, "api", ".github/workflows/pr.yml", Optional.of(headSha))).map(RepositoryFile::text)
                .contains("on: pull_request\n");
    }

    @Test
    void followsLinkHeadersThroughEveryPage() {
        for (int i = 0; i < 250; i++) {
            github.addRepository("big-org", "repo-" + i);
        }
        String pat = github.registerClassicPat("auditor", List.of("repo"), null);
        github.clearRequests();

        List<Repository> repositories = client.listOrgRepositories(GitHubCredential.token(pat, "auditor"), "big-org");

        assertThat(repositories).hasSize(250).extracting(Repository::fullName).doesNotHaveDuplicates().contains("big-org/repo-249");
        assertThat(github.requests()).extracting(RecordedExchange::query)
                .containsExactly("per_page=100", "per_page=100&page=2", "per_page=100&page=3");
    }

    @Test
    void aListingLongerThanTheLimitFailsSayingSoAndTheDefaultLimitCoversTwoHundredThousandItems() {
        for (int i = 0; i < 250; i++) {
            github.addRepository("big-org", "repo-" + i);
        }
        GitHubCredential pat = GitHubCredential.token(github.registerClassicPat("auditor", List.of("repo"), null), "auditor");
        GitHubSettings defaults = GitHubSettings.defaults(URI.create(github.baseUrl()));
        GitHubClient twoPages = client(new GitHubSettings(defaults.baseUrl(), defaults.userAgent(), defaults.connectTimeout(),
                defaults.requestTimeout(), defaults.maxAttempts(), defaults.initialBackoff(), defaults.maxBackoff(), defaults.maxRetryTime(),
                defaults.maxRateLimitWait(), defaults.breakerThreshold(), defaults.breakerOpenFor(), 2, defaults.secondaryPointsPerMinute()));

        assertThatThrownBy(() -> twoPages.listOrgRepositories(pat, "big-org")).isInstanceOf(GitHubApiException.class)
                .hasMessageContaining("more than 2 pages");
        // An organisation of 10,000 repositories or more needed more than the 100 pages that were the limit before.
        assertThat(defaults.maxPages()).isEqualTo(2000);
    }

    @Test
    void worksAgainstAnEnterpriseServerBaseUrlIncludingItsPages() {
        try (GitHubSimulator enterprise = GitHubSimulator.startEnterprise(clock)) {
            SimulatedApp enterpriseApp = enterprise.registerApp(APP_ID);
            enterprise.addInstallation(APP_ID, INSTALLATION_ID, ORG, List.of(), Map.of("contents", "read"));
            for (int i = 0; i < 120; i++) {
                enterprise.addRepository(ORG, "repo-" + i);
            }
            assertThat(enterprise.baseUrl()).endsWith("/api/v3");
            GitHubClient enterpriseClient = client(GitHubSettings.defaults(URI.create(enterprise.baseUrl() + "/")));

            InstallationToken token = enterpriseClient.createInstallationToken(
                    GitHubApp.of(APP_ID, enterpriseApp.clientId(), enterpriseApp.privateKeyPem()), INSTALLATION_ID,
                    new InstallationTokenRequest(Map.of(), List.of()));

            assertThat(enterpriseClient.listOrgRepositories(token.credential(), ORG)).hasSize(120);
            assertThat(enterprise.requests()).extracting(RecordedExchange::path)
                    .containsExactly("/app/installations/" + INSTALLATION_ID + "/access_tokens", "/orgs/acme/repos", "/orgs/acme/repos");
        }
    }

    @Test
    void refusesToFollowAPageLinkThatLeavesTheBaseUrl() throws Exception {
        HttpServer hostile = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> paths = new CopyOnWriteArrayList<>();
        hostile.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            exchange.getResponseHeaders().set("Link", "<http://attacker.example/orgs/acme/repos?page=2>; rel=\"next\"");
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        hostile.start();
        try {
            GitHubClient hostileClient = client(GitHubSettings.defaults(URI.create("http://127.0.0.1:" + hostile.getAddress().getPort())));

            assertThatThrownBy(() -> hostileClient.listOrgRepositories(GitHubCredential.token("ghp_" + "h".repeat(36), "auditor"), ORG))
                    .isInstanceOf(GitHubApiException.class).hasMessageContaining("leaves the configured GitHub base URL");
            assertThat(paths).containsExactly("/orgs/acme/repos");
        } finally {
            hostile.stop(0);
        }
    }

    @Test
    void hashesTheSecretOfASecretScanningAlert() {
        String leaked = "ghp_" + "L".repeat(36);
        long number = github.addRepository(ORG, "web").addSecretScanningAlert("github_personal_access_token", leaked, START);
        GitHubCredential token = mint(Map.of("secret_scanning_alerts", "read"), List.of("web")).credential();

        SecretScanningAlert alert = client.getSecretScanningAlert(token, ORG, "web", number);

        assertThat(alert.secretSha256()).isEqualTo(GitHubClient.sha256(leaked)).matches("[0-9a-f]{64}");
        assertThat(alert.secretType()).isEqualTo("github_personal_access_token");
        assertThat(alert.state()).isEqualTo("open");
        assertThat(alert.toString()).doesNotContain(leaked);
    }

    @Test
    void listsActionsAdvisoriesAcrossPages() {
        for (int i = 0; i < 130; i++) {
            github.addActionsAdvisory("GHSA-aaaa-bbbb-" + String.format("%04d", i), i % 2 == 0 ? null : "CVE-2026-" + (1000 + i),
                    "advisory " + i, "high", "tj-actions/changed-files", "< 46.0.1", i % 3 == 0 ? null : "46.0.1");
        }
        String pat = github.registerClassicPat("auditor", List.of(), null);

        List<Advisory> advisories = client.listAdvisories(GitHubCredential.token(pat, "auditor"), "actions");

        assertThat(advisories).hasSize(130);
        assertThat(advisories.get(0).cveId()).isEmpty();
        assertThat(advisories.get(1).cveId()).contains("CVE-2026-1001");
        assertThat(advisories.get(1).vulnerabilities()).singleElement().satisfies(v -> {
            assertThat(v.packageName()).isEqualTo("tj-actions/changed-files");
            assertThat(v.firstPatchedVersion()).contains("46.0.1");
        });
        assertThat(advisories.get(0).vulnerabilities().get(0).firstPatchedVersion()).isEmpty();
    }

    // ---- issues

    @Test
    void createsFindsUpdatesAndCommentsOnIssues() {
        GitHubCredential token = mint(Map.of("issues", "write"), List.of("api")).credential();
        client.createIssue(token, ORG, "api", new IssueDraft("other", "x", List.of("tokenwarden:other")));
        Issue created = client.createIssue(token, ORG, "api", new IssueDraft("Overdue rotation", "details", List.of("tokenwarden:key-1")));

        assertThat(client.findIssueByLabel(token, ORG, "api", "tokenwarden:key-1")).contains(created);
        assertThat(client.findIssueByLabel(token, ORG, "api", "tokenwarden:key-2")).isEmpty();

        Issue closed = client.updateIssue(token, ORG, "api", created.number(), IssueUpdate.close());
        assertThat(closed.state()).isEqualTo("closed");
        assertThat(client.findIssueByLabel(token, ORG, "api", "tokenwarden:key-1")).map(Issue::state).contains("closed");

        IssueComment comment = client.commentOnIssue(token, ORG, "api", created.number(), "resolved");
        assertThat(comment.htmlUrl()).contains("/issues/" + created.number());
        assertThat(github.addRepository("unused", "unused").issues()).isEmpty();
    }

    // ---- transport: headers, retries, rate limits, circuit breaker, observations

    @Test
    void sendsGitHubsStandardHeaders() {
        mint(Map.of(), List.of());

        assertThat(github.requests()).singleElement().satisfies(r -> {
            assertThat(r.requestHeaders()).containsEntry("accept", "application/vnd.github+json")
                    .containsEntry("x-github-api-version", "2022-11-28")
                    .containsEntry("user-agent", "tokenwarden");
            assertThat(r.authScheme()).isEqualTo("app-jwt");
        });
    }

    @Test
    void retries5xxWithJitteredBackoffThenSucceeds() {
        github.failNext(2, 502);

        InstallationToken token = mint(Map.of(), List.of());

        assertThat(token.value()).startsWith("ghs_");
        assertThat(github.requests()).extracting(RecordedExchange::status).containsExactly(502, 502, 201);
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(500));
        assertThat(sleeps.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(1000));
    }

    @Test
    void givesUpAfterTheConfiguredAttempts() {
        github.failNext(10, 503);

        assertThatThrownBy(() -> mint(Map.of(), List.of()))
                .isInstanceOfSatisfying(GitHubUnavailableException.class, e -> assertThat(e.attempts()).isEqualTo(4));
        assertThat(github.requests()).hasSize(4);
    }

    @Test
    void retriesNetworkErrors() {
        GitHubSimulator gone = GitHubSimulator.start(clock);
        String deadUrl = gone.baseUrl();
        gone.close();
        GitHubClient unreachable = client(GitHubSettings.defaults(URI.create(deadUrl)));

        assertThatThrownBy(() -> unreachable.validateToken(GitHubCredential.token("ghp_" + "n".repeat(36), "pat")))
                .isInstanceOfSatisfying(GitHubUnavailableException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(4);
                    assertThat(e.getMessage()).contains("network error");
                });
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void waitsOutAShortSecondaryLimitAndPublishesIt() {
        github.secondaryLimitNext(1, 30);

        mint(Map.of(), List.of());

        assertThat(sleeps).containsExactly(Duration.ofSeconds(30));
        assertThat(github.requests()).extracting(RecordedExchange::status).containsExactly(403, 201);
        assertThat(observations.get(0).secondaryLimitedUntil()).isEqualTo(START.plusSeconds(30));
        assertThat(observations.get(1).secondaryLimitedUntil()).isNull();
    }

    @Test
    void waitsOutA429() {
        github.tooManyRequestsNext(1, 5);

        mint(Map.of(), List.of());

        assertThat(sleeps).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void failsFastOnALongSecondaryLimit() {
        github.secondaryLimitNext(1, 3600);

        assertThatThrownBy(() -> mint(Map.of(), List.of()))
                .isInstanceOfSatisfying(GitHubRateLimitedException.class, e -> assertThat(e.until()).isEqualTo(START.plusSeconds(3600)));
        assertThat(sleeps).isEmpty();
        assertThat(github.requests()).hasSize(1);
    }

    @Test
    void anExhaustedPrimaryLimitFailsFastUntilItsReset() {
        InstallationToken token = mint(Map.of("contents", "read"), List.of("api"));
        github.setRateLimit(token.installationKey(), 2);
        client.getTree(token.credential(), ORG, "api", "main");
        client.getTree(token.credential(), ORG, "api", "main");

        assertThatThrownBy(() -> client.getTree(token.credential(), ORG, "api", "main"))
                .isInstanceOfSatisfying(GitHubRateLimitedException.class,
                        e -> assertThat(e.until()).isEqualTo(START.plus(Duration.ofHours(1))));
        assertThat(observations.get(observations.size() - 1).remaining()).isZero();
    }

    @Test
    void mintsPastTheSecondaryLimitWaitForTheirMinuteInsteadOfBeingRefused() {
        github.enforceSecondaryLimits(900);
        for (int i = 0; i < 200; i++) {
            mint(Map.of("contents", "read"), List.of("api"));
        }

        assertThat(github.requests()).filteredOn(r -> r.status() == 403 || r.status() == 429).isEmpty();
        // 850 points a minute at 5 a mint: the 171st waits until the first has left the sliding minute.
        assertThat(sleeps).hasSize(1);
        assertThat(sleeps.getFirst()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void secondaryLimitPacingCountsEachIdentityInTurn() {
        SecondaryLimitPacer pacer = new SecondaryLimitPacer(clock, 850);
        Duration minute = Duration.ofMinutes(1);
        for (int i = 0; i < 170; i++) {
            assertThat(pacer.reserve("101", "POST", minute).waitFor()).isZero();
        }
        assertThat(pacer.reserve("101", "GET", Duration.ofSeconds(59)).granted()).as("too long a wait reserves nothing").isFalse();
        assertThat(pacer.reserve("101", "GET", minute).waitFor()).isEqualTo(minute);
        assertThat(pacer.reserve("102", "POST", minute).waitFor()).as("another identity").isZero();
        for (int i = 0; i < 850; i++) {
            assertThat(pacer.reserve("101/5", "GET", minute).waitFor()).isZero();
        }
        assertThat(pacer.reserve("101/5", "HEAD", minute).waitFor()).isEqualTo(minute);
        clock.advance(Duration.ofSeconds(30));
        assertThat(pacer.reserve("101", "DELETE", minute).waitFor()).as("after the reservation before it").isEqualTo(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        assertThat(pacer.reserve("101", "DELETE", minute).waitFor()).isZero();
    }

    @Test
    void aReplicaKeepsToItsPartOfEachIdentitysMinute() {
        SecondaryLimitPacer pacer = new SecondaryLimitPacer(clock, 850);
        Duration minute = Duration.ofMinutes(1);
        pacer.shareWith(2);
        for (int i = 0; i < 425; i++) {
            assertThat(pacer.reserve("auditor", "GET", minute).waitFor()).isZero();
        }
        assertThat(pacer.reserve("auditor", "GET", minute).waitFor()).as("half of 850").isEqualTo(minute);

        pacer.shareWith(1);
        for (int i = 0; i < 850; i++) {
            assertThat(pacer.reserve("notifier", "GET", minute).waitFor()).as("alone again: the whole budget").isZero();
        }
        assertThat(pacer.reserve("notifier", "GET", minute).waitFor()).isEqualTo(minute);
        pacer.shareWith(1000);
        assertThat(pacer.reserve("another", "POST", minute).waitFor()).as("never less than one call").isZero();
    }

    @Test
    void aSlowAnswerKeepsItsPointsInTheMinuteUntilItCame() {
        SecondaryLimitPacer pacer = new SecondaryLimitPacer(clock, 850);
        Duration minute = Duration.ofMinutes(1);
        List<SecondaryLimitPacer.Reservation> first = new ArrayList<>();
        for (int i = 0; i < 170; i++) {
            first.add(pacer.reserve("101", "POST", minute));
        }
        clock.advance(Duration.ofSeconds(5));
        first.forEach(reservation -> pacer.answered("101", reservation));
        clock.advance(Duration.ofSeconds(55));
        assertThat(pacer.reserve("101", "POST", minute).waitFor()).as("answered at 5 s, so counted until 65 s").isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void callsMadeAtTheSameInstantAllLeaveTheMinuteTogether() {
        SecondaryLimitPacer pacer = new SecondaryLimitPacer(clock, 850);
        Duration minute = Duration.ofMinutes(1);
        for (int i = 0; i < 170; i++) {
            pacer.reserve("101", "POST", minute);
        }
        clock.advance(Duration.ofSeconds(10));
        assertThat(pacer.reserve("101", "GET", minute).waitFor()).isEqualTo(Duration.ofSeconds(50));
        assertThat(pacer.reserve("101", "POST", minute).waitFor())
                .as("at 60 s the first 170 have left together; the read of 10 s leaves room").isEqualTo(Duration.ofSeconds(50));
    }

    @Test
    void pacingOffWhenTheSettingIsZero() {
        GitHubSettings defaults = GitHubSettings.defaults(URI.create(github.baseUrl()));
        client = client(new GitHubSettings(defaults.baseUrl(), defaults.userAgent(), defaults.connectTimeout(), defaults.requestTimeout(),
                defaults.maxAttempts(), defaults.initialBackoff(), defaults.maxBackoff(), defaults.maxRetryTime(), defaults.maxRateLimitWait(),
                defaults.breakerThreshold(), defaults.breakerOpenFor(), defaults.maxPages(), 0));
        for (int i = 0; i < 200; i++) {
            mint(Map.of("contents", "read"), List.of("api"));
        }
        assertThat(sleeps).isEmpty();
    }

    @Test
    void circuitOpensAfterRepeatedFailuresThenHalfOpens() {
        GitHubSettings defaults = GitHubSettings.defaults(URI.create(github.baseUrl()));
        GitHubSettings settings = new GitHubSettings(defaults.baseUrl(), defaults.userAgent(), defaults.connectTimeout(),
                defaults.requestTimeout(), 1, defaults.initialBackoff(), defaults.maxBackoff(), defaults.maxRetryTime(),
                defaults.maxRateLimitWait(), 3, Duration.ofSeconds(30), defaults.maxPages(), defaults.secondaryPointsPerMinute());
        GitHubClient breaking = client(settings);
        github.failNext(3, 500);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> breaking.getInstallation(gitHubApp(), INSTALLATION_ID)).isInstanceOf(GitHubUnavailableException.class);
        }
        assertThat(breaking.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> breaking.getInstallation(gitHubApp(), INSTALLATION_ID))
                .isInstanceOfSatisfying(GitHubCircuitOpenException.class, e -> assertThat(e.retryAfter()).isEqualTo(START.plusSeconds(30)));
        assertThat(github.requests()).as("an open circuit sends nothing").hasSize(3);

        clock.advance(Duration.ofSeconds(30));
        assertThat(breaking.circuitState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        github.failNext(1, 500);
        assertThatThrownBy(() -> breaking.getInstallation(gitHubApp(), INSTALLATION_ID)).isInstanceOf(GitHubUnavailableException.class);
        assertThat(breaking.circuitState()).as("a failed trial re-opens").isEqualTo(CircuitBreaker.State.OPEN);

        clock.advance(Duration.ofSeconds(30));
        assertThat(breaking.getInstallation(gitHubApp(), INSTALLATION_ID).id()).isEqualTo(INSTALLATION_ID);
        assertThat(breaking.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void observesRateHeadersKeyedByAppAndInstallation() {
        InstallationToken token = mint(Map.of("contents", "read"), List.of("api"));
        client.getTree(token.credential(), ORG, "api", "main");
        client.getTree(token.credential(), ORG, "api", "main");

        assertThat(observations).extracting(RateLimitObservation::installation)
                .containsExactly(Long.toString(APP_ID), APP_ID + "/" + INSTALLATION_ID, APP_ID + "/" + INSTALLATION_ID);
        RateLimitObservation last = observations.get(2);
        assertThat(last.limit()).isEqualTo(5000);
        assertThat(last.remaining()).isEqualTo(4998);
        assertThat(last.resource()).isEqualTo("core");
        assertThat(last.resetAt()).isEqualTo(START.plus(Duration.ofHours(1)));
        assertThat(last.observedAt()).isEqualTo(START);
    }

    @Test
    void aFailingListenerDoesNotFailTheCall() {
        GitHubClient withBrokenListener = new GitHubClient(GitHubSettings.defaults(URI.create(github.baseUrl())), clock,
                duration -> { }, new SplittableRandom(3), observation -> {
                    throw new IllegalStateException("kafka down");
                });

        assertThat(withBrokenListener.getInstallation(gitHubApp(), INSTALLATION_ID).id()).isEqualTo(INSTALLATION_ID);
    }

    // ---- secrets stay secret

    @Test
    void noTokenOrKeyReachesAnExceptionMessageOrToString() {
        InstallationToken token = mint(Map.of("contents", "read"), List.of("api"));
        String pat = github.registerClassicPat("someone", List.of("repo"), null);
        List<String> messages = new ArrayList<>();
        List<Runnable> failing = List.of(
                () -> client.getTree(token.credential(), ORG, "web", "main"),
                () -> client.createIssue(token.credential(), ORG, "api", new IssueDraft("t", null, List.of())),
                () -> {
                    github.failNext(4, 500);
                    client.getTree(token.credential(), ORG, "api", "main");
                },
                () -> {
                    github.secondaryLimitNext(1, 7200);
                    client.validateToken(GitHubCredential.token(pat, "pat"));
                },
                () -> {
                    github.failNext(1, 401);
                    client.getTree(GitHubCredential.token(pat, "pat"), ORG, "api", "main");
                },
                () -> client.revokeCredentials("broker", List.of()),
                () -> AppPrivateKey.fromPem("-----BEGIN RSA PRIVATE KEY-----\nnot-base64-" + pat + "\n-----END RSA PRIVATE KEY-----"));
        for (Runnable call : failing) {
            try {
                call.run();
                messages.add("no failure");
            } catch (RuntimeException e) {
                messages.add(e.toString());
            }
        }

        assertThat(messages).hasSize(failing.size()).doesNotContain("no failure");
        String pem = app.privateKeyPem();
        String keyBody = pem.lines().skip(1).findFirst().orElseThrow();
        List<String> shown = new ArrayList<>(messages);
        shown.add(token.toString());
        shown.add(token.credential().toString());
        shown.add(gitHubApp().toString());
        for (String text : shown) {
            assertThat(text).doesNotContain(token.value()).doesNotContain(pat).doesNotContain(keyBody);
        }
        assertThat(token.toString()).contains("<redacted>");
    }
}
