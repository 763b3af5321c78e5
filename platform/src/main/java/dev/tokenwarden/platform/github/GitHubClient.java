package dev.tokenwarden.platform.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * The one GitHub REST client of tokenwarden: typed operations for what the broker, auditor and notifier
 * call, over {@link GitHubHttp} (timeouts, retries, rate limits, circuit breaker, rate observations).
 * Tokens are passed per call as {@link GitHubCredential}s and never appear in an exception message.
 * Thread-safe; make one per GitHub base URL.
 */
public final class GitHubClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"([^\"]*)\"");
    private static final Pattern SECRET_SHAPES = Pattern.compile(
            "(gh[pousr]_[A-Za-z0-9._]{8,}|github_pat_[A-Za-z0-9_]{8,}|eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*)");
    /** GitHub's form, e.g. {@code 2023-03-11 23:51:38 UTC} or {@code 2024-04-18 08:09:35 -0700}. */
    private static final DateTimeFormatter TOKEN_EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss [z][Z]");
    private static final int PER_PAGE = 100;
    private static final int MAX_REVOCATIONS_PER_CALL = 1000;
    private static final int MAX_TAG_DEPTH = 5;

    private final GitHubHttp http;
    private final Clock clock;

    public GitHubClient(GitHubSettings settings, Clock clock, Sleeper sleeper, RandomGenerator jitter, RateLimitListener listener) {
        this.http = new GitHubHttp(settings, clock, sleeper, jitter, listener);
        this.clock = clock;
    }

    /** A client that really sleeps between attempts, with random jitter. */
    public static GitHubClient create(GitHubSettings settings, Clock clock, RateLimitListener listener) {
        return new GitHubClient(settings, clock, Sleeper.THREAD, new Random(), listener);
    }

    public CircuitBreaker.State circuitState() {
        return http.breaker().state();
    }

    public URI baseUrl() {
        return http.settings().baseUrl();
    }

    /**
     * This process is one of {@code replicas} calling GitHub with the same identities: from now on it keeps each
     * identity's calls to its part of the secondary-limit budget, so that together they keep within GitHub's.
     */
    public void shareSecondaryLimitWith(int replicas) {
        http.shareSecondaryLimitWith(replicas);
    }

    // ---- GitHub Apps

    /** Mints an installation token narrowed to {@code request}'s permissions and repositories (one hour of life). */
    public InstallationToken createInstallationToken(GitHubApp app, long installationId, InstallationTokenRequest request) {
        String operation = "POST /app/installations/{installation_id}/access_tokens";
        ObjectNode body = JSON.createObjectNode();
        if (!request.permissions().isEmpty()) {
            ObjectNode permissions = body.putObject("permissions");
            request.permissions().forEach(permissions::put);
        }
        if (!request.repositories().isEmpty()) {
            ArrayNode repositories = body.putArray("repositories");
            request.repositories().forEach(repositories::add);
        }
        JsonNode json = expectJson(operation, call(operation, "POST", "/app/installations/" + installationId + "/access_tokens",
                appCredential(app), body), 201);
        List<String> repositories = StreamSupport.stream(json.path("repositories").spliterator(), false)
                .map(r -> r.path("name").asText()).toList();
        return new InstallationToken(
                json.path("token").asText(),
                app.appId() + "/" + installationId,
                Instant.parse(json.path("expires_at").asText()),
                stringMap(json.path("permissions")),
                repositories,
                json.path("repository_selection").asText("all"));
    }

    public Installation getInstallation(GitHubApp app, long installationId) {
        String operation = "GET /app/installations/{installation_id}";
        JsonNode json = expectJson(operation, call(operation, "GET", "/app/installations/" + installationId, appCredential(app), null), 200);
        return new Installation(json.path("id").asLong(), json.path("app_id").asLong(), json.path("account").path("login").asText(),
                json.path("repository_selection").asText(), stringMap(json.path("permissions")),
                !json.path("suspended_at").isNull() && !json.path("suspended_at").isMissingNode());
    }

    /** Revokes the installation token {@code token} authenticates with; an expired or unknown one counts as done. */
    public RevocationOutcome revokeInstallationToken(GitHubCredential token) {
        String operation = "DELETE /installation/token";
        GitHubResponse response = call(operation, "DELETE", "/installation/token", token, null);
        return switch (response.status()) {
            case 204 -> RevocationOutcome.REVOKED;
            case 401, 404 -> RevocationOutcome.ALREADY_INVALID;
            default -> throw apiError(operation, response);
        };
    }

    /**
     * A real call with an installation token ({@code GET /installation/repositories}): how many repositories it
     * reaches; empty when GitHub does not accept the token (401). {@link #validateToken} is for PATs, since
     * {@code GET /user} refuses installation tokens.
     */
    public Optional<Integer> verifyInstallationToken(GitHubCredential token) {
        String operation = "GET /installation/repositories";
        GitHubResponse response = call(operation, "GET", "/installation/repositories?per_page=1", token, null);
        if (response.status() == 401) {
            return Optional.empty();
        }
        return Optional.of(expectJson(operation, response, 200).path("total_count").asInt());
    }

    // ---- Personal access tokens

    /**
     * Asks GitHub who {@code token} belongs to, its classic scopes and its expiry; empty when GitHub does not
     * accept the token (401).
     */
    public Optional<TokenValidation> validateToken(GitHubCredential token) {
        String operation = "GET /user";
        GitHubResponse response = call(operation, "GET", "/user", token, null);
        if (response.status() == 401) {
            return Optional.empty();
        }
        JsonNode json = expectJson(operation, response, 200);
        Optional<String> scopesHeader = response.header("x-oauth-scopes");
        Set<String> scopes = new LinkedHashSet<>();
        scopesHeader.ifPresent(h -> Arrays.stream(h.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(scopes::add));
        Optional<Instant> expiresAt = response.header("github-authentication-token-expiration").map(h -> parseExpiration(operation, h));
        return Optional.of(new TokenValidation(json.path("login").asText(), scopesHeader.isPresent(), scopes, expiresAt));
    }

    /**
     * GitHub's credential revocation API: revokes PATs (classic and fine-grained) and other token kinds by value.
     * Needs no authentication; {@code caller} keys the rate observations. GitHub accepts up to 1000 per call.
     */
    public void revokeCredentials(String caller, List<GitHubCredential> credentials) {
        String operation = "POST /credentials/revoke";
        if (credentials.isEmpty() || credentials.size() > MAX_REVOCATIONS_PER_CALL) {
            throw new IllegalArgumentException("revoke between 1 and " + MAX_REVOCATIONS_PER_CALL + " credentials per call, not " + credentials.size());
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode values = body.putArray("credentials");
        credentials.forEach(c -> values.add(c.secret()));
        expect(operation, call(operation, "POST", "/credentials/revoke", GitHubCredential.anonymous(caller), body), 202);
    }

    /** The fine-grained PATs that have access to {@code org} (needs an org-owned app's installation token). */
    public List<OrgPatGrant> listOrgPatGrants(GitHubCredential auth, String org) {
        return paged("GET /orgs/{org}/personal-access-tokens", "/orgs/" + segment(org) + "/personal-access-tokens?per_page=" + PER_PAGE, auth,
                json -> new OrgPatGrant(json.path("id").asLong(), json.path("token_id").asLong(), json.path("token_name").asText(),
                        json.path("owner").path("login").asText(), optionalInstant(json.path("token_expires_at"))));
    }

    /** Revokes a fine-grained PAT's access to {@code org}; a grant GitHub no longer knows counts as done. */
    public RevocationOutcome revokeOrgPatGrant(GitHubCredential auth, String org, long patId) {
        String operation = "POST /orgs/{org}/personal-access-tokens/{pat_id}";
        ObjectNode body = JSON.createObjectNode().put("action", "revoke");
        GitHubResponse response = call(operation, "POST", "/orgs/" + segment(org) + "/personal-access-tokens/" + patId, auth, body);
        return switch (response.status()) {
            case 204 -> RevocationOutcome.REVOKED;
            case 404 -> RevocationOutcome.ALREADY_INVALID;
            default -> throw apiError(operation, response);
        };
    }

    // ---- Repositories

    /** A file at {@code ref} (branch, tag or commit; empty for the default branch); empty when there is none. */
    public Optional<RepositoryFile> getFile(GitHubCredential auth, String owner, String repo, String path, Optional<String> ref) {
        String operation = "GET /repos/{owner}/{repo}/contents/{path}";
        String pathAndQuery = "/repos/" + segment(owner) + "/" + segment(repo) + "/contents/" + path(path)
                + ref.map(r -> "?ref=" + segment(r)).orElse("");
        GitHubResponse response = call(operation, "GET", pathAndQuery, auth, null);
        if (response.status() == 404) {
            return Optional.empty();
        }
        JsonNode json = expectJson(operation, response, 200);
        if (!json.isObject() || !"file".equals(json.path("type").asText())) {
            throw new GitHubApiException(operation, 200, "not a file: " + path);
        }
        if (!"base64".equals(json.path("encoding").asText())) {
            throw new GitHubApiException(operation, 200, "file too large for the contents API: " + path);
        }
        return Optional.of(new RepositoryFile(json.path("path").asText(), json.path("sha").asText(),
                Base64.getMimeDecoder().decode(json.path("content").asText())));
    }

    /** Every file of {@code ref}'s tree (git trees API, recursive); {@link RepositoryTree#workflowFiles()} picks the workflows. */
    public RepositoryTree getTree(GitHubCredential auth, String owner, String repo, String ref) {
        String operation = "GET /repos/{owner}/{repo}/git/trees/{tree_sha}";
        JsonNode json = expectJson(operation, call(operation, "GET",
                "/repos/" + segment(owner) + "/" + segment(repo) + "/git/trees/" + segment(ref) + "?recursive=1", auth, null), 200);
        List<RepositoryTree.Entry> files = StreamSupport.stream(json.path("tree").spliterator(), false)
                .filter(e -> "blob".equals(e.path("type").asText()))
                .map(e -> new RepositoryTree.Entry(e.path("path").asText(), e.path("sha").asText(), e.path("size").asLong()))
                .toList();
        return new RepositoryTree(json.path("sha").asText(), files, json.path("truncated").asBoolean());
    }

    /** The files pull request {@code number} changes, every page (GitHub lists at most 3000). */
    public List<PullRequestFile> listPullRequestFiles(GitHubCredential auth, String owner, String repo, long number) {
        return paged("GET /repos/{owner}/{repo}/pulls/{pull_number}/files",
                "/repos/" + segment(owner) + "/" + segment(repo) + "/pulls/" + number + "/files?per_page=" + PER_PAGE, auth,
                json -> new PullRequestFile(json.path("filename").asText(), json.path("status").asText(),
                        optionalText(json.path("previous_filename")).orElse(null), optionalText(json.path("patch")).orElse(null)));
    }

    /** The pull requests associated with commit {@code sha} (the ones that brought it in once merged), every page. */
    public List<MergedPullRequest> listPullRequestsForCommit(GitHubCredential auth, String owner, String repo, String sha) {
        return paged("GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls",
                "/repos/" + segment(owner) + "/" + segment(repo) + "/commits/" + segment(sha) + "/pulls?per_page=" + PER_PAGE, auth,
                json -> new MergedPullRequest(json.path("number").asLong(), json.path("user").path("login").asText(),
                        json.path("base").path("ref").asText(), optionalInstant(json.path("merged_at")).orElse(null)));
    }

    /** The reviews of pull request {@code number}, oldest first, every page. */
    public List<PullRequestReview> listPullRequestReviews(GitHubCredential auth, String owner, String repo, long number) {
        return paged("GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews",
                "/repos/" + segment(owner) + "/" + segment(repo) + "/pulls/" + number + "/reviews?per_page=" + PER_PAGE, auth,
                json -> new PullRequestReview(json.path("user").path("login").asText(), json.path("state").asText()));
    }

    /** Whether GitHub verified commit {@code sha}'s signature ({@code commit.verification.verified}); false for an unsigned one. */
    public boolean isCommitVerified(GitHubCredential auth, String owner, String repo, String sha) {
        String operation = "GET /repos/{owner}/{repo}/commits/{ref}";
        JsonNode json = expectJson(operation, call(operation, "GET",
                "/repos/" + segment(owner) + "/" + segment(repo) + "/commits/" + segment(sha), auth, null), 200);
        return json.path("commit").path("verification").path("verified").asBoolean(false);
    }

    /** Every repository of {@code org}, following GitHub's {@code Link} pages. */
    public List<Repository> listOrgRepositories(GitHubCredential auth, String org) {
        return paged("GET /orgs/{org}/repos", "/orgs/" + segment(org) + "/repos?per_page=" + PER_PAGE, auth, GitHubClient::repository);
    }

    /** One repository; empty when it does not exist or the credential cannot see it (GitHub answers 404 to both). */
    public Optional<Repository> getRepository(GitHubCredential auth, String owner, String repo) {
        String operation = "GET /repos/{owner}/{repo}";
        GitHubResponse response = call(operation, "GET", "/repos/" + segment(owner) + "/" + segment(repo), auth, null);
        if (response.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(repository(expectJson(operation, response, 200)));
    }

    private static Repository repository(JsonNode json) {
        return new Repository(json.path("id").asLong(), json.path("owner").path("login").asText(), json.path("name").asText(),
                json.path("full_name").asText(), json.path("default_branch").asText(), json.path("private").asBoolean(),
                json.path("archived").asBoolean());
    }

    /**
     * One page of {@code org}'s audit log, oldest first, web and Git events ({@code include=all}), starting after
     * {@code after} (a cursor from an earlier page's {@code Link} header; empty: from the oldest event GitHub keeps).
     * Reading page by page rather than all at once lets the caller keep its place between pages. An event without
     * {@code _document_id} or {@code @timestamp} cannot be told apart from another and is refused as a bad page.
     */
    public AuditLogPage getAuditLogPage(GitHubCredential auth, String org, Optional<String> after) {
        String operation = "GET /orgs/{org}/audit-log";
        GitHubResponse response = call(operation, "GET", "/orgs/" + segment(org) + "/audit-log?include=all&order=asc&per_page=" + PER_PAGE
                + after.map(cursor -> "&after=" + segment(cursor)).orElse(""), auth, null);
        JsonNode json = expectJson(operation, response, 200);
        if (!json.isArray()) {
            throw new GitHubApiException(operation, 200, "the audit log page is not a JSON array");
        }
        List<AuditLogEvent> events = new ArrayList<>();
        for (JsonNode event : json) {
            if (!event.path("_document_id").isTextual() || !event.path("@timestamp").canConvertToLong()) {
                throw new GitHubApiException(operation, 200, "an audit log event lacks _document_id or @timestamp");
            }
            events.add(new AuditLogEvent(event.path("_document_id").asText(), Instant.ofEpochMilli(event.path("@timestamp").asLong()),
                    event.path("action").asText(""), event.path("actor").asText(""), optionalText(event.path("repo")),
                    optionalText(event.path("actor_ip")), optionalText(event.path("hashed_token"))));
        }
        Optional<String> nextAfter = nextPage(operation, response).map(next -> queryParameter(next, "after")).filter(c -> !c.isEmpty());
        return new AuditLogPage(events, nextAfter);
    }

    /** A secret scanning alert; its secret is hashed here and dropped. */
    public SecretScanningAlert getSecretScanningAlert(GitHubCredential auth, String owner, String repo, long alertNumber) {
        String operation = "GET /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}";
        JsonNode json = expectJson(operation, call(operation, "GET",
                "/repos/" + segment(owner) + "/" + segment(repo) + "/secret-scanning/alerts/" + alertNumber, auth, null), 200);
        return new SecretScanningAlert(json.path("number").asLong(), json.path("state").asText(), json.path("secret_type").asText(),
                sha256(json.path("secret").asText()), json.path("html_url").asText(), Instant.parse(json.path("created_at").asText()));
    }

    /** Reviewed global advisories of one ecosystem ({@code actions} for GitHub Actions), every page. */
    public List<Advisory> listAdvisories(GitHubCredential auth, String ecosystem) {
        return paged("GET /advisories", "/advisories?type=reviewed&ecosystem=" + segment(ecosystem) + "&per_page=" + PER_PAGE, auth,
                json -> new Advisory(
                        json.path("ghsa_id").asText(),
                        optionalText(json.path("cve_id")),
                        json.path("summary").asText(),
                        json.path("severity").asText(),
                        Instant.parse(json.path("published_at").asText()),
                        optionalInstant(json.path("withdrawn_at")),
                        StreamSupport.stream(json.path("vulnerabilities").spliterator(), false)
                                .map(v -> new Advisory.Vulnerability(v.path("package").path("name").asText(),
                                        v.path("vulnerable_version_range").asText(), optionalText(v.path("first_patched_version"))))
                                .toList()));
    }

    // ---- Git data and pull requests: several files as one commit on a new branch, then a pull request

    /** The commit branch {@code branch} points at; empty when there is no such branch. */
    public Optional<String> getBranchHead(GitHubCredential auth, String owner, String repo, String branch) {
        return getRef(auth, owner, repo, "heads/" + branch).map(json -> json.path("object").path("sha").asText());
    }

    /**
     * The commit tag {@code tag} names, through its tag object when it is an annotated tag; empty when there is no such tag.
     * A tag of a tag is followed a few levels deep, as git does.
     */
    public Optional<String> resolveTag(GitHubCredential auth, String owner, String repo, String tag) {
        Optional<JsonNode> ref = getRef(auth, owner, repo, "tags/" + tag);
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        JsonNode object = ref.get().path("object");
        String operation = "GET /repos/{owner}/{repo}/git/tags/{tag_sha}";
        for (int depth = 0; "tag".equals(object.path("type").asText()); depth++) {
            if (depth == MAX_TAG_DEPTH) {
                throw new GitHubApiException(operation, 200, "tag " + tag + " nests more than " + MAX_TAG_DEPTH + " tag objects");
            }
            object = expectJson(operation, call(operation, "GET", "/repos/" + segment(owner) + "/" + segment(repo) + "/git/tags/"
                    + segment(object.path("sha").asText()), auth, null), 200).path("object");
        }
        return "commit".equals(object.path("type").asText()) ? Optional.of(object.path("sha").asText()) : Optional.empty();
    }

    private Optional<JsonNode> getRef(GitHubCredential auth, String owner, String repo, String ref) {
        String operation = "GET /repos/{owner}/{repo}/git/ref/{ref}";
        GitHubResponse response = call(operation, "GET", "/repos/" + segment(owner) + "/" + segment(repo) + "/git/ref/" + path(ref), auth, null);
        if (response.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(expectJson(operation, response, 200));
    }

    /** Stores {@code content} as a blob; returns its SHA. */
    public String createBlob(GitHubCredential auth, String owner, String repo, byte[] content) {
        String operation = "POST /repos/{owner}/{repo}/git/blobs";
        ObjectNode body = JSON.createObjectNode().put("content", Base64.getEncoder().encodeToString(content)).put("encoding", "base64");
        return expectJson(operation, call(operation, "POST", "/repos/" + segment(owner) + "/" + segment(repo) + "/git/blobs", auth, body), 201)
                .path("sha").asText();
    }

    /** A tree that is {@code baseTree} with each path set to its blob ({@code blobs}: path to blob SHA); returns its SHA. */
    public String createTree(GitHubCredential auth, String owner, String repo, String baseTree, Map<String, String> blobs) {
        String operation = "POST /repos/{owner}/{repo}/git/trees";
        ObjectNode body = JSON.createObjectNode().put("base_tree", baseTree);
        ArrayNode entries = body.putArray("tree");
        new TreeMap<>(blobs).forEach((path, sha) -> entries.addObject().put("path", path).put("mode", "100644").put("type", "blob").put("sha", sha));
        return expectJson(operation, call(operation, "POST", "/repos/" + segment(owner) + "/" + segment(repo) + "/git/trees", auth, body), 201)
                .path("sha").asText();
    }

    /** A commit of {@code tree} on top of {@code parent}; returns its SHA. */
    public String createCommit(GitHubCredential auth, String owner, String repo, String message, String tree, String parent) {
        String operation = "POST /repos/{owner}/{repo}/git/commits";
        ObjectNode body = JSON.createObjectNode().put("message", message).put("tree", tree);
        body.putArray("parents").add(parent);
        return expectJson(operation, call(operation, "POST", "/repos/" + segment(owner) + "/" + segment(repo) + "/git/commits", auth, body), 201)
                .path("sha").asText();
    }

    /** Creates branch {@code branch} at commit {@code sha}; GitHub answers 422 when it exists already. */
    public void createBranch(GitHubCredential auth, String owner, String repo, String branch, String sha) {
        String operation = "POST /repos/{owner}/{repo}/git/refs";
        ObjectNode body = JSON.createObjectNode().put("ref", "refs/heads/" + branch).put("sha", sha);
        expect(operation, call(operation, "POST", "/repos/" + segment(owner) + "/" + segment(repo) + "/git/refs", auth, body), 201);
    }

    /** Opens a pull request from {@code head} (a branch of the same repository) into {@code base}. */
    public PullRequest createPullRequest(GitHubCredential auth, String owner, String repo, String title, String head, String base, String text) {
        String operation = "POST /repos/{owner}/{repo}/pulls";
        ObjectNode body = JSON.createObjectNode().put("title", title).put("head", head).put("base", base).put("body", text);
        return pullRequest(expectJson(operation, call(operation, "POST", "/repos/" + segment(owner) + "/" + segment(repo) + "/pulls", auth, body), 201));
    }

    /** The open pull requests from branch {@code head} of the same repository into {@code base}, every page. */
    public List<PullRequest> listOpenPullRequests(GitHubCredential auth, String owner, String repo, String head, String base) {
        return paged("GET /repos/{owner}/{repo}/pulls", "/repos/" + segment(owner) + "/" + segment(repo) + "/pulls?state=open&head="
                + segment(owner + ":" + head) + "&base=" + segment(base) + "&per_page=" + PER_PAGE, auth, GitHubClient::pullRequest);
    }

    private static PullRequest pullRequest(JsonNode json) {
        return new PullRequest(json.path("number").asLong(), json.path("html_url").asText(), json.path("head").path("ref").asText(),
                json.path("head").path("sha").asText(), json.path("base").path("ref").asText());
    }

    // ---- Issues

    public Issue createIssue(GitHubCredential auth, String owner, String repo, IssueDraft draft) {
        String operation = "POST /repos/{owner}/{repo}/issues";
        ObjectNode body = JSON.createObjectNode().put("title", draft.title());
        if (draft.body() != null) {
            body.put("body", draft.body());
        }
        ArrayNode labels = body.putArray("labels");
        draft.labels().forEach(labels::add);
        return issue(expectJson(operation, call(operation, "POST", "/repos/" + segment(owner) + "/" + segment(repo) + "/issues", auth, body), 201));
    }

    public Issue updateIssue(GitHubCredential auth, String owner, String repo, long number, IssueUpdate update) {
        String operation = "PATCH /repos/{owner}/{repo}/issues/{issue_number}";
        ObjectNode body = JSON.createObjectNode();
        update.title().ifPresent(t -> body.put("title", t));
        update.body().ifPresent(b -> body.put("body", b));
        update.state().ifPresent(s -> body.put("state", s));
        update.labels().ifPresent(l -> l.forEach(body.putArray("labels")::add));
        return issue(expectJson(operation, call(operation, "PATCH",
                "/repos/" + segment(owner) + "/" + segment(repo) + "/issues/" + number, auth, body), 200));
    }

    public IssueComment commentOnIssue(GitHubCredential auth, String owner, String repo, long number, String text) {
        String operation = "POST /repos/{owner}/{repo}/issues/{issue_number}/comments";
        JsonNode json = expectJson(operation, call(operation, "POST",
                "/repos/" + segment(owner) + "/" + segment(repo) + "/issues/" + number + "/comments", auth,
                JSON.createObjectNode().put("body", text)), 201);
        return new IssueComment(json.path("id").asLong(), json.path("html_url").asText());
    }

    /**
     * The issue (open or closed) carrying {@code label}, the notifier's per-incident key. It lists the repository's
     * issues by label rather than using the search API, which is eventually consistent and separately rate limited.
     */
    public Optional<Issue> findIssueByLabel(GitHubCredential auth, String owner, String repo, String label) {
        return paged("GET /repos/{owner}/{repo}/issues",
                "/repos/" + segment(owner) + "/" + segment(repo) + "/issues?state=all&labels=" + segment(label) + "&per_page=" + PER_PAGE,
                auth, json -> json)
                .stream()
                .filter(json -> !json.has("pull_request"))
                .map(GitHubClient::issue)
                .findFirst();
    }

    // ---- plumbing

    private GitHubCredential appCredential(GitHubApp app) {
        return GitHubCredential.token(app.jwt(clock.instant()), app.rateKey());
    }

    GitHubResponse call(String operation, String method, String pathAndQuery, GitHubCredential credential, JsonNode body) {
        try {
            byte[] bytes = body == null ? null : JSON.writeValueAsBytes(body);
            return http.send(operation, method, http.resolve(pathAndQuery), credential, bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(operation + ": cannot write the request body", e);
        }
    }

    private <T> List<T> paged(String operation, String firstPathAndQuery, GitHubCredential auth, Function<JsonNode, T> item) {
        List<T> items = new ArrayList<>();
        URI next = http.resolve(firstPathAndQuery);
        for (int page = 1; next != null; page++) {
            if (page > http.settings().maxPages()) {
                throw new GitHubApiException(operation, 200, "more than " + http.settings().maxPages() + " pages");
            }
            GitHubResponse response = http.send(operation, "GET", next, auth, null);
            JsonNode json = expectJson(operation, response, 200);
            json.forEach(element -> items.add(item.apply(element)));
            next = nextPage(operation, response).orElse(null);
        }
        return items;
    }

    private Optional<URI> nextPage(String operation, GitHubResponse response) {
        Matcher matcher = LINK.matcher(response.header("link").orElse(""));
        while (matcher.find()) {
            if ("next".equals(matcher.group(2))) {
                URI next = URI.create(matcher.group(1));
                if (!http.isUnderBaseUrl(next)) {
                    throw new GitHubApiException(operation, response.status(), "next-page link leaves the configured GitHub base URL");
                }
                return Optional.of(next);
            }
        }
        return Optional.empty();
    }

    private static String queryParameter(URI uri, String name) {
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        return Arrays.stream(query.split("&"))
                .filter(pair -> pair.startsWith(name + "="))
                .map(pair -> URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8))
                .findFirst().orElse("");
    }

    private static void expect(String operation, GitHubResponse response, int status) {
        if (response.status() != status) {
            throw apiError(operation, response);
        }
    }

    static JsonNode expectJson(String operation, GitHubResponse response, int status) {
        expect(operation, response, status);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new GitHubApiException(operation, status, "response is not JSON");
        }
    }

    static GitHubApiException apiError(String operation, GitHubResponse response) {
        return new GitHubApiException(operation, response.status(), gitHubMessage(response.body()));
    }

    /** GitHub's own {@code message}, shortened, with anything token-shaped removed as a second line of defence. */
    private static String gitHubMessage(byte[] body) {
        try {
            String message = JSON.readTree(body).path("message").asText("");
            String redacted = SECRET_SHAPES.matcher(message).replaceAll("<redacted>");
            return redacted.length() > 200 ? redacted.substring(0, 200) + "..." : redacted;
        } catch (IOException e) {
            return "";
        }
    }

    private static Issue issue(JsonNode json) {
        List<String> labels = StreamSupport.stream(json.path("labels").spliterator(), false)
                .map(l -> l.isTextual() ? l.asText() : l.path("name").asText()).toList();
        return new Issue(json.path("number").asLong(), json.path("title").asText(), json.path("state").asText(), labels,
                json.path("html_url").asText());
    }

    private static Map<String, String> stringMap(JsonNode object) {
        Map<String, String> map = new TreeMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return Map.copyOf(map);
    }

    private static Optional<String> optionalText(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static Optional<Instant> optionalInstant(JsonNode node) {
        return optionalText(node).map(Instant::parse);
    }

    static Instant parseExpiration(String operation, String header) {
        try {
            return ZonedDateTime.parse(header.trim(), TOKEN_EXPIRATION).toInstant();
        } catch (DateTimeParseException e) {
            throw new GitHubApiException(operation, 200, "unreadable GitHub-Authentication-Token-Expiration header");
        }
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A repository path: each segment encoded, the slashes kept. */
    private static String path(String value) {
        return Arrays.stream(value.split("/")).map(GitHubClient::segment).reduce((a, b) -> a + "/" + b).orElse("");
    }
}
