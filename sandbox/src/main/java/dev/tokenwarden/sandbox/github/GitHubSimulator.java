package dev.tokenwarden.sandbox.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A stateful stand-in for GitHub's REST API on a free loopback port, for the endpoints tokenwarden calls:
 * GitHub Apps (JWT verified with the app's public key, {@code iat}/{@code exp} rules enforced), installation
 * tokens valid for one hour by the simulator's clock until revoked, PATs with scopes and expiry, credential
 * revocation, the organisation fine-grained PAT API, repository contents and trees, pull request files (with their patch),
 * check runs (GitHub Apps only) and code scanning SARIF uploads (where a repository has code scanning), organisation repositories,
 * secret scanning alerts, global advisories, issues and comments, commits with their signature verification, merged
 * pull requests of a commit and their reviews, and the organisation audit log (Enterprise Cloud) with the
 * {@code hashed_token} of each staged token use; and, outside the REST API, github.com's OAuth token endpoint for refreshing a
 * GitHub App's user access token ({@link #oauthBaseUrl()}). Every answer carries rate-limit headers from
 * a per-credential budget; faults (5xx, 401, 403 secondary limit, 429) can be queued; every exchange is
 * recorded without its credential.
 */
public final class GitHubSimulator implements AutoCloseable {
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    /** GitHub's documented lives of an expiring user access token (8 hours) and its refresh token (6 months). */
    private static final long USER_TOKEN_SECONDS = 28_800;
    private static final long REFRESH_TOKEN_SECONDS = 15_811_200;
    private static final String OAUTH_TOKEN_PATH = "/login/oauth/access_token";
    private static final Duration RATE_WINDOW = Duration.ofHours(1);
    private static final long MAX_JWT_LIFETIME_SECONDS = 600;
    private static final DateTimeFormatter EXPIRATION_HEADER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final String SECONDARY_LIMIT_MESSAGE = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";
    private static final Set<String> RECORDED_REQUEST_HEADERS = Set.of("accept", "user-agent", "x-github-api-version", "content-type");

    enum Auth { APP, TOKEN, NONE }

    enum TokenKind { INSTALLATION, CLASSIC_PAT, FINE_GRAINED_PAT, USER_ACCESS }

    /** A user's access token of a GitHub App and the refresh token that came with it. */
    public record UserTokens(String accessToken, String refreshToken) {
    }

    /** A refresh token: single use, for the app it was issued by, replacing {@code accessToken} when used. */
    private record RefreshState(long appId, String login, String accessToken, Instant expiresAt) {
    }

    record Route(String method, Pattern path, Auth auth, Handler handler) {
    }

    @FunctionalInterface
    interface Handler {
        Reply handle(Call call);
    }

    record Reply(int status, JsonNode body, Map<String, String> headers) {
        static Reply of(int status, JsonNode body) {
            return new Reply(status, body, Map.of());
        }
    }

    /** Ends a request early with {@code reply}. */
    static final class Refusal extends RuntimeException {
        final Reply reply;

        Refusal(int status, String message) {
            super(message, null, false, false);
            this.reply = Reply.of(status, Payloads.JSON.createObjectNode().put("message", message)
                    .put("documentation_url", "https://docs.github.com/rest").put("status", Integer.toString(status)));
        }

        /** A refusal without a body, where GitHub's description documents none. */
        static Refusal bodiless(int status, String reason) {
            return new Refusal(Reply.of(status, null), reason);
        }

        private Refusal(Reply reply, String reason) {
            super(reason, null, false, false);
            this.reply = reply;
        }
    }

    record Call(Matcher path, Map<String, String> query, JsonNode body, Identity identity) {
        String group(String name) {
            return URLDecoder.decode(path.group(name), StandardCharsets.UTF_8);
        }
    }

    record Identity(SimulatedApp app, TokenState token) {
    }

    static final class TokenState {
        final TokenKind kind;
        final String login;
        final String rateKey;
        final Map<String, String> permissions;
        final Set<String> repositories;
        final List<String> scopes;
        final Instant expiresAt;
        boolean revoked;

        TokenState(TokenKind kind, String login, String rateKey, Map<String, String> permissions, Set<String> repositories,
                List<String> scopes, Instant expiresAt) {
            this.kind = kind;
            this.login = login;
            this.rateKey = rateKey;
            this.permissions = permissions;
            this.repositories = repositories;
            this.scopes = scopes;
            this.expiresAt = expiresAt;
        }
    }

    private record InstallationState(long id, long appId, String account, List<String> repositories, Map<String, String> permissions,
            Instant createdAt) {
    }

    private record PatGrant(long id, String org, String token, long tokenId, String tokenName, String owner, Instant expiresAt,
            Instant grantedAt) {
    }

    private record AdvisoryState(String ghsaId, String cveId, String summary, String severity, String actionName, String vulnerableRange,
            String firstPatched, Instant publishedAt) {
    }

    private record Budget(Instant windowStart, int used) {
    }

    private record Latency(long minMillis, long maxMillis) {
        static final Latency NONE = new Latency(0, 0);

        long delayMillis() {
            return maxMillis == 0 ? 0 : java.util.concurrent.ThreadLocalRandom.current().nextLong(minMillis, maxMillis + 1);
        }
    }

    /** GitHub's points-per-minute secondary limit per identity, over a sliding minute; {@link #OFF} refuses nothing. */
    private static final class SecondaryLimits {
        static final SecondaryLimits OFF = new SecondaryLimits(Integer.MAX_VALUE);
        private static final Duration WINDOW = Duration.ofMinutes(1);

        private record Spent(Instant at, int points) {
        }

        private final int pointsPerMinute;
        private final Map<String, Deque<Spent>> spent = new HashMap<>();
        private long refusals;

        SecondaryLimits(int pointsPerMinute) {
            this.pointsPerMinute = pointsPerMinute;
        }

        /** Spends the request's points, or refuses it (spending nothing) when they would not fit in the last minute. */
        boolean refuses(String rateKey, String method, Instant now) {
            if (pointsPerMinute == Integer.MAX_VALUE) {
                return false;
            }
            int points = Set.of("GET", "HEAD", "OPTIONS").contains(method) ? 1 : 5;
            Deque<Spent> window = windowOf(rateKey, now);
            int used = window.stream().mapToInt(Spent::points).sum();
            if (used + points > pointsPerMinute) {
                refusals++;
                return true;
            }
            window.addLast(new Spent(now, points));
            return false;
        }

        /** Seconds until the oldest spending in the window leaves it. */
        long retryAfterSeconds(String rateKey, Instant now) {
            Deque<Spent> window = windowOf(rateKey, now);
            return window.isEmpty() ? 1 : Math.max(1, Duration.between(now, window.peekFirst().at().plus(WINDOW)).toSeconds() + 1);
        }

        private Deque<Spent> windowOf(String rateKey, Instant now) {
            Deque<Spent> window = spent.computeIfAbsent(rateKey, k -> new ArrayDeque<>());
            while (!window.isEmpty() && !window.peekFirst().at().plus(WINDOW).isAfter(now)) {
                window.removeFirst();
            }
            return window;
        }
    }

    /** A queued fault: an error status, or with {@code rawBody} a 200 whose body is exactly those bytes. */
    private record Fault(int status, Long retryAfterSeconds, String message, byte[] rawBody) {
        Fault(int status, Long retryAfterSeconds, String message) {
            this(status, retryAfterSeconds, message, null);
        }
    }

    private record AuditEvent(String documentId, String org, Instant at, String action, String actor, String repository,
            String actorIp, String hashedToken) {
    }

    /** A fault for the next request of {@code method} whose path ends with {@code pathEnd} only. */
    private record AimedFault(String method, String pathEnd, Fault fault) {
        boolean matches(String method, String path) {
            return this.method.equals(method) && path.endsWith(pathEnd);
        }
    }

    private record Interlude(String method, String pathEnd, Runnable action) {
        boolean matches(String method, String path, int status) {
            return this.method.equals(method) && path.endsWith(pathEnd) && status < 300;
        }
    }

    final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor;
    final String baseUrl;
    /** Empty for github.com's layout, {@code /api/v3} for GitHub Enterprise Server's. */
    private final String apiPath;
    final Payloads payloads;
    private final List<Route> routes = new ArrayList<>();
    private final Map<Long, SimulatedApp> apps = new HashMap<>();
    private final Map<Long, InstallationState> installations = new HashMap<>();
    private final Map<String, TokenState> tokens = new HashMap<>();
    private final Map<String, SimulatedRepository> repositories = new LinkedHashMap<>();
    private final Set<String> organisations = new TreeSet<>();
    private final Map<Long, PatGrant> patGrants = new LinkedHashMap<>();
    private final List<AdvisoryState> advisories = new ArrayList<>();
    private final Map<String, Budget> budgets = new HashMap<>();
    private final Map<String, Integer> limits = new HashMap<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final List<AimedFault> aimedFaults = new ArrayList<>();
    private final List<Interlude> interludes = new ArrayList<>();
    private final List<RecordedExchange> exchanges = new ArrayList<>();
    private boolean keepResponseBodies = true;
    private final List<AuditEvent> auditLog = new ArrayList<>();
    private final Map<String, RefreshState> refreshTokens = new HashMap<>();
    private final String webUrl;
    /** SARIF uploads whose status has been asked for once (and answered {@code pending}). */
    private final Set<String> sarifsAskedAbout = new HashSet<>();
    long nextId = 1000;
    private final SimulatedGit git = new SimulatedGit(this);
    private boolean longInstallationTokens;
    private Latency latency = Latency.NONE;
    private SecondaryLimits secondaryLimits = SecondaryLimits.OFF;
    private final ScheduledExecutorService delayer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "github-simulator-latency");
        thread.setDaemon(true);
        return thread;
    });

    private GitHubSimulator(Clock clock, String apiPath) throws IOException {
        this.clock = clock;
        this.apiPath = apiPath;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.webUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        this.baseUrl = webUrl + apiPath;
        this.payloads = new Payloads(baseUrl);
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "github-simulator");
            thread.setDaemon(true);
            return thread;
        });
        defineRoutes();
        server.setExecutor(executor);
        server.createContext(apiPath.isEmpty() ? "/" : apiPath, this::serve);
        server.createContext(OAUTH_TOKEN_PATH, this::serveOAuthToken);
    }

    /** Starts a simulator on a free loopback port; its time (token expiry, JWT rules, rate windows) is {@code clock}'s. */
    public static GitHubSimulator start(Clock clock) {
        return start(clock, "");
    }

    /** Starts a simulator that serves the API under {@code /api/v3}, as GitHub Enterprise Server does. */
    public static GitHubSimulator startEnterprise(Clock clock) {
        return start(clock, "/api/v3");
    }

    private static GitHubSimulator start(Clock clock, String apiPath) {
        try {
            GitHubSimulator simulator = new GitHubSimulator(clock, apiPath);
            simulator.server.start();
            return simulator;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the GitHub simulator on a loopback port", e);
        }
    }

    /** Webhook deliveries about this simulator's repositories, signed with {@code secret}. */
    public GitHubWebhooks webhooks(String secret) {
        return new GitHubWebhooks(payloads, clock, secret);
    }

    /** The web origin, where github.com serves {@code /login/oauth/access_token} (no trailing slash). */
    public String oauthBaseUrl() {
        return webUrl;
    }

    /** Branches, tags, Git objects and pull requests opened through the API. */
    public SimulatedGit git() {
        return git;
    }

    /** The API base URL to configure clients with (no trailing slash). */
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        delayer.shutdownNow();
    }

    // ---- state set up by tests

    public synchronized SimulatedApp registerApp(long appId) {
        SimulatedApp app = new SimulatedApp(appId, "Iv23li" + Long.toString(appId, 36) + "sim", "tokenwarden-app-" + appId);
        apps.put(appId, app);
        return app;
    }

    /** Installs {@code appId} on {@code account}; {@code repositoryNames} empty means all repositories. */
    public synchronized void addInstallation(long appId, long installationId, String account, List<String> repositoryNames,
            Map<String, String> permissions) {
        if (!apps.containsKey(appId)) {
            throw new IllegalArgumentException("register app " + appId + " first");
        }
        organisations.add(account);
        repositoryNames.forEach(name -> addRepository(account, name));
        installations.put(installationId, new InstallationState(installationId, appId, account, List.copyOf(repositoryNames),
                Map.copyOf(permissions), clock.instant()));
    }

    /** A classic PAT of {@code login} with {@code scopes}; {@code expiresAt} null for one that never expires. */
    public synchronized String registerClassicPat(String login, List<String> scopes, Instant expiresAt) {
        String value = GitHubTokenShapes.classicPat();
        tokens.put(value, new TokenState(TokenKind.CLASSIC_PAT, login, "user:" + login, Map.of(), null, List.copyOf(scopes), expiresAt));
        return value;
    }

    public synchronized String registerFineGrainedPat(String login, Instant expiresAt) {
        String value = GitHubTokenShapes.fineGrainedPat();
        tokens.put(value, new TokenState(TokenKind.FINE_GRAINED_PAT, login, "user:" + login, Map.of(), null, List.of(), expiresAt));
        return value;
    }

    /**
     * What GitHub hands a GitHub App after {@code login} authorised it (web or device flow) with expiring user tokens
     * on: a user access token valid 8 hours and a refresh token valid 6 months.
     */
    public synchronized UserTokens authoriseUser(long appId, String login) {
        if (!apps.containsKey(appId)) {
            throw new IllegalArgumentException("register app " + appId + " first");
        }
        return issueUserTokens(appId, login);
    }

    /** Whether {@code refreshToken} would still be accepted: issued, unused and unexpired. */
    public synchronized boolean isRefreshTokenValid(String refreshToken) {
        RefreshState state = refreshTokens.get(refreshToken);
        return state != null && clock.instant().isBefore(state.expiresAt());
    }

    private UserTokens issueUserTokens(long appId, String login) {
        String access = GitHubTokenShapes.userAccessToken();
        String refresh = GitHubTokenShapes.refreshToken();
        tokens.put(access, new TokenState(TokenKind.USER_ACCESS, login, "user:" + login, Map.of(), null, List.of(),
                clock.instant().plusSeconds(USER_TOKEN_SECONDS)));
        refreshTokens.put(refresh, new RefreshState(appId, login, access, clock.instant().plusSeconds(REFRESH_TOKEN_SECONDS)));
        return new UserTokens(access, refresh);
    }

    /** Grants a fine-grained PAT access to {@code org}, as an org owner's approval would; returns the pat_id. */
    public synchronized long grantOrgAccess(String org, String patValue, String tokenName) {
        TokenState token = tokens.get(patValue);
        if (token == null || token.kind != TokenKind.FINE_GRAINED_PAT) {
            throw new IllegalArgumentException("not a registered fine-grained PAT");
        }
        organisations.add(org);
        long id = nextId++;
        patGrants.put(id, new PatGrant(id, org, patValue, nextId++, tokenName, token.login, token.expiresAt, clock.instant()));
        return id;
    }

    public synchronized boolean orgGrantExists(long patId) {
        return patGrants.containsKey(patId);
    }

    /** True while GitHub would accept {@code token}: known, not revoked, not expired. */
    public synchronized boolean isValid(String token) {
        TokenState state = tokens.get(token);
        return state != null && !state.revoked && (state.expiresAt == null || clock.instant().isBefore(state.expiresAt));
    }

    /**
     * Every credential value this simulator has issued or registered (installation tokens, PATs, user access tokens and
     * the refresh tokens not used yet), revoked or not:
     * what a leak check must never find outside the one response that handed each out.
     */
    public synchronized Set<String> issuedCredentials() {
        Set<String> issued = new TreeSet<>(tokens.keySet());
        issued.addAll(refreshTokens.keySet());
        return issued;
    }

    /** The installation tokens minted for {@code installationId}, revoked or not, in no particular order. */
    public synchronized Set<String> installationTokens(long installationId) {
        Set<String> minted = new TreeSet<>();
        tokens.forEach((value, state) -> {
            if (state.kind == TokenKind.INSTALLATION && state.rateKey.endsWith("/" + installationId)) {
                minted.add(value);
            }
        });
        return minted;
    }

    public synchronized boolean isRevoked(String token) {
        TokenState state = tokens.get(token);
        return state != null && state.revoked;
    }

    /** The repository {@code owner/name}, created (private, default branch {@code main}) if it does not exist yet. */
    public synchronized SimulatedRepository addRepository(String owner, String name) {
        organisations.add(owner);
        return repositories.computeIfAbsent(key(owner, name),
                k -> new SimulatedRepository(nextId++, owner, name, "main", true, clock.instant()));
    }

    /** A reviewed advisory for the {@code actions} ecosystem; {@code severity} is GitHub's: critical, high, medium, low. */
    public synchronized void addActionsAdvisory(String ghsaId, String cveId, String summary, String severity, String actionName,
            String vulnerableRange, String firstPatched) {
        if (!Set.of("critical", "high", "medium", "low", "unknown").contains(severity)) {
            throw new IllegalArgumentException("GitHub advisory severities are critical, high, medium, low and unknown, not " + severity);
        }
        advisories.add(new AdvisoryState(ghsaId, cveId, summary, severity, actionName, vulnerableRange, firstPatched, clock.instant()));
    }

    /** Mint installation tokens in GitHub's coming ~520-character form instead of the classic 40. */
    public synchronized void useLongInstallationTokens(boolean useLong) {
        this.longInstallationTokens = useLong;
    }

    /**
     * Stages a use of {@code token} that {@code org}'s audit log records now, as GitHub does for Git and API access
     * by a token: the actor is the token's owner (an app's bot for an installation token), {@code hashed_token} is
     * base64 of the token's SHA-256. {@code repository} ({@code owner/name}) and {@code actorIp} may be null.
     */
    public synchronized void recordTokenUse(String org, String token, String action, String repository, String actorIp) {
        TokenState state = tokens.get(token);
        recordAuditEvent(org, action, state == null ? "unknown" : state.login, repository, actorIp, token);
    }

    /** Stages an audit log event of {@code actor}; {@code token} null for one not authenticated by a token (a web action). */
    public synchronized void recordAuditEvent(String org, String action, String actor, String repository, String actorIp, String token) {
        organisations.add(org);
        auditLog.add(new AuditEvent(Long.toString(nextId++, 36) + "-" + auditLog.size(), org, clock.instant(), action, actor, repository,
                actorIp, token == null ? null : GitHubTokenShapes.hashedToken(token)));
    }

    /**
     * The hourly budget of one rate key ({@code appId/installationId}, {@code app:appId} for calls with the app's JWT,
     * {@code user:login}, {@code anonymous}); 5,000 unless set (60 for anonymous).
     */
    public synchronized void setRateLimit(String rateKey, int limit) {
        limits.put(rateKey, limit);
    }

    // ---- fault injection: queued faults answer the next requests, whatever they are

    /** The next {@code count} requests get {@code status} (a 5xx, or 401 Bad credentials). */
    public synchronized void failNext(int count, int status) {
        for (int i = 0; i < count; i++) {
            faults.add(new Fault(status, null, status == 401 ? "Bad credentials" : "Server Error"));
        }
    }

    /** The next {@code count} requests get a 200 whose body is cut off mid-JSON. */
    public synchronized void malformedNext(int count) {
        for (int i = 0; i < count; i++) {
            faults.add(new Fault(200, null, null, "[{\"_document_id\": \"cut".getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Every answer from now on waits a time drawn uniformly from {@code [min, max]}, as GitHub's own answers take time. */
    public synchronized void setLatency(Duration min, Duration max) {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("latency needs 0 <= min <= max");
        }
        latency = new Latency(min.toMillis(), max.toMillis());
    }

    /**
     * From now on, GitHub's documented secondary limit on points per minute is enforced per identity (app JWT, token):
     * a GET, HEAD or OPTIONS costs 1 point, any other method 5, and a request that would take an identity past
     * {@code pointsPerMinute} within the last 60 s is refused with 403 and {@code Retry-After} (GitHub: 900 for REST).
     */
    public synchronized void enforceSecondaryLimits(int pointsPerMinute) {
        secondaryLimits = new SecondaryLimits(pointsPerMinute);
    }

    /** How many requests the enforced secondary limit refused. */
    public synchronized long secondaryLimitRefusals() {
        return secondaryLimits.refusals;
    }

    /** The next {@code count} requests hit a secondary rate limit: 403 with {@code Retry-After}. */
    public synchronized void secondaryLimitNext(int count, long retryAfterSeconds) {
        for (int i = 0; i < count; i++) {
            faults.add(new Fault(403, retryAfterSeconds, SECONDARY_LIMIT_MESSAGE));
        }
    }

    /** The next {@code count} requests get 429 Too Many Requests with {@code Retry-After}. */
    public synchronized void tooManyRequestsNext(int count, long retryAfterSeconds) {
        for (int i = 0; i < count; i++) {
            faults.add(new Fault(429, retryAfterSeconds, "Too Many Requests"));
        }
    }

    /**
     * The next {@code count} requests of {@code method} whose path ends with {@code pathEnd} get {@code status}, and
     * only those: a fault for one caller's one call while other callers go on (a 5xx, or 401 Bad credentials).
     */
    public synchronized void failNextOn(String method, String pathEnd, int count, int status) {
        for (int i = 0; i < count; i++) {
            aimedFaults.add(new AimedFault(method, pathEnd, new Fault(status, null, status == 401 ? "Bad credentials" : "Server Error")));
        }
    }

    /** As {@link #secondaryLimitNext(int, long)}, for requests of {@code method} whose path ends with {@code pathEnd} only. */
    public synchronized void secondaryLimitNextOn(String method, String pathEnd, int count, long retryAfterSeconds) {
        for (int i = 0; i < count; i++) {
            aimedFaults.add(new AimedFault(method, pathEnd, new Fault(403, retryAfterSeconds, SECONDARY_LIMIT_MESSAGE)));
        }
    }

    /** How many aimed faults have not answered a request yet. */
    public synchronized int aimedFaultsPending() {
        return aimedFaults.size();
    }

    /**
     * Runs {@code action} once, when the next successful {@code method} request whose path ends with
     * {@code pathEnd} has been answered and before the answer is sent: stages what happens elsewhere
     * between a call and the caller seeing its reply (a Vault sealed right after a mint).
     */
    public synchronized void onNextSuccess(String method, String pathEnd, Runnable action) {
        interludes.add(new Interlude(method, pathEnd, action));
    }

    public synchronized List<RecordedExchange> requests() {
        return List.copyOf(exchanges);
    }

    public synchronized void clearRequests() {
        exchanges.clear();
    }

    /**
     * Whether {@link #requests()} keeps each answer's body (the default, for tests and the OpenAPI check). A load run
     * turns it off: an hour of installation-repository listings kept whole filled the bench's heap.
     */
    public synchronized void keepResponseBodies(boolean keep) {
        keepResponseBodies = keep;
    }

    // ---- HTTP

    private void serve(HttpExchange exchange) throws IOException {
        Response response;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] requestBody = in.readAllBytes();
            Optional<Interlude> interlude;
            long delayMillis;
            synchronized (this) {
                response = answer(exchange, requestBody);
                String path = exchange.getRequestURI().getRawPath().substring(apiPath.length());
                interlude = interludes.stream().filter(i -> i.matches(exchange.getRequestMethod(), path, response.status)).findFirst();
                interlude.ifPresent(interludes::remove);
                delayMillis = latency.delayMillis();
            }
            interlude.ifPresent(i -> i.action().run());
            if (delayMillis > 0) {
                // The answer waits on a timer, not on one of the few server threads, so latency does not cap throughput.
                delayer.schedule(() -> reply(exchange, response), delayMillis, TimeUnit.MILLISECONDS);
                return;
            }
        } catch (IOException | RuntimeException e) {
            exchange.close();
            throw e;
        }
        reply(exchange, response);
    }

    private static void reply(HttpExchange exchange, Response response) {
        try (exchange) {
            response.headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            byte[] body = response.body;
            if (body.length > 0) {
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            }
            exchange.sendResponseHeaders(response.status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException ignored) {
            // The client gave up waiting (its timeout): GitHub's answer is lost the same way.
        }
    }

    private record Response(int status, Map<String, String> headers, byte[] body) {
    }

    /**
     * {@code POST /login/oauth/access_token} with {@code grant_type=refresh_token}, as GitHub documents it ("Refreshing
     * user access tokens"): the parameters in the query or a form body, the client id and secret of the app that issued
     * the refresh token. Errors come as HTTP 200 with {@code error}, {@code error_description} and {@code error_uri}
     * ({@code incorrect_client_credentials}, {@code bad_refresh_token}, {@code unsupported_grant_type}); the answer is
     * JSON when {@code Accept} asks for it, else form-encoded. A used refresh token and the access token it replaced stop
     * working at once. Recorded without its query, which may hold the secrets; a queued fault or an
     * {@link #onNextSuccess} interlude (path {@code /login/oauth/access_token}) applies as to the API.
     */
    private void serveOAuthToken(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] requestBody = in.readAllBytes();
            int status;
            Map<String, Object> answer;
            Optional<Interlude> interlude;
            synchronized (this) {
                Fault fault = faults.poll();
                if (fault != null) {
                    status = fault.status();
                    answer = Map.of("message", fault.message() == null ? "" : fault.message());
                } else if (!"POST".equals(exchange.getRequestMethod())) {
                    status = 404;
                    answer = Map.of("error", "Not Found");
                } else {
                    status = 200;
                    Map<String, String> parameters = new LinkedHashMap<>(parseQuery(exchange.getRequestURI().getRawQuery()));
                    parameters.putAll(parseQuery(new String(requestBody, StandardCharsets.UTF_8)));
                    answer = refreshUserToken(parameters);
                }
                exchanges.add(new RecordedExchange("POST", OAUTH_TOKEN_PATH, null, Map.of(), "none", status, Map.of(), new byte[0], fault != null));
                boolean succeeded = status == 200 && !answer.containsKey("error");
                interlude = interludes.stream().filter(i -> i.matches("POST", OAUTH_TOKEN_PATH, succeeded ? 200 : 400)).findFirst();
                interlude.ifPresent(interludes::remove);
            }
            interlude.ifPresent(i -> i.action().run());
            String accept = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Accept")).orElse("");
            byte[] body;
            if (accept.contains("json")) {
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                body = Payloads.JSON.writeValueAsBytes(answer);
            } else {
                exchange.getResponseHeaders().set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
                StringBuilder form = new StringBuilder();
                answer.forEach((name, value) -> form.append(form.isEmpty() ? "" : "&").append(encode(name)).append('=')
                        .append(encode(String.valueOf(value))));
                body = form.toString().getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Map<String, Object> refreshUserToken(Map<String, String> parameters) {
        SimulatedApp app = apps.values().stream().filter(a -> a.clientId().equals(parameters.get("client_id"))).findFirst().orElse(null);
        if (app == null || !app.clientSecret().equals(parameters.get("client_secret"))) {
            return oauthError("incorrect_client_credentials", "The client_id and/or client_secret passed are incorrect.");
        }
        if (!"refresh_token".equals(parameters.get("grant_type"))) {
            return oauthError("unsupported_grant_type", "The grant type is not supported.");
        }
        RefreshState state = refreshTokens.get(parameters.getOrDefault("refresh_token", ""));
        if (state == null || state.appId() != app.appId() || !clock.instant().isBefore(state.expiresAt())) {
            return oauthError("bad_refresh_token", "The refresh token passed is incorrect or expired.");
        }
        refreshTokens.remove(parameters.get("refresh_token"));
        Optional.ofNullable(tokens.get(state.accessToken())).ifPresent(replaced -> replaced.revoked = true);
        UserTokens fresh = issueUserTokens(app.appId(), state.login());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", fresh.accessToken());
        answer.put("expires_in", USER_TOKEN_SECONDS);
        answer.put("refresh_token", fresh.refreshToken());
        answer.put("refresh_token_expires_in", REFRESH_TOKEN_SECONDS);
        answer.put("scope", "");
        answer.put("token_type", "bearer");
        return answer;
    }

    private static Map<String, Object> oauthError(String error, String description) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", error);
        answer.put("error_description", description);
        answer.put("error_uri", "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors");
        return answer;
    }

    private Response answer(HttpExchange exchange, byte[] requestBody) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath().substring(apiPath.length());
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = parseQuery(rawQuery);
        String secret = bearer(exchange.getRequestHeaders().getFirst("Authorization"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-GitHub-Api-Version-Selected", "2022-11-28");
        headers.put("X-GitHub-Request-Id", Long.toHexString(nextId++).toUpperCase(Locale.ROOT));

        String rateKey = rateKeyOf(secret);
        Budget budget = spend(rateKey);
        int limit = limitOf(rateKey);
        headers.put("x-ratelimit-limit", Integer.toString(limit));
        headers.put("x-ratelimit-remaining", Integer.toString(Math.max(0, limit - budget.used())));
        headers.put("x-ratelimit-used", Integer.toString(Math.min(limit, budget.used())));
        headers.put("x-ratelimit-reset", Long.toString(budget.windowStart().plus(RATE_WINDOW).getEpochSecond()));
        headers.put("x-ratelimit-resource", "core");

        Reply reply;
        boolean injected = false;
        byte[] rawBody = null;
        Fault fault = aimedFaults.stream().filter(aimed -> aimed.matches(method, path)).findFirst()
                .map(aimed -> {
                    aimedFaults.remove(aimed);
                    return aimed.fault();
                })
                .orElseGet(faults::poll);
        if (fault != null && fault.rawBody() != null) {
            injected = true;
            rawBody = fault.rawBody();
            reply = new Reply(fault.status(), null, Map.of());
        } else if (fault != null) {
            injected = true;
            reply = new Refusal(fault.status(), fault.message()).reply;
            if (fault.retryAfterSeconds() != null) {
                headers.put("Retry-After", Long.toString(fault.retryAfterSeconds()));
            }
        } else if (secondaryLimits.refuses(rateKey, method, clock.instant())) {
            reply = new Refusal(403, SECONDARY_LIMIT_MESSAGE).reply;
            headers.put("Retry-After", Long.toString(secondaryLimits.retryAfterSeconds(rateKey, clock.instant())));
        } else if (budget.used() > limit) {
            headers.put("x-ratelimit-remaining", "0");
            reply = new Refusal(403, "API rate limit exceeded for " + rateKey + ".").reply;
        } else {
            reply = route(method, path, query, requestBody, secret);
            tokenHeaders(secret, headers);
        }
        headers.putAll(reply.headers());
        byte[] body = rawBody != null ? rawBody : reply.body() == null ? new byte[0] : Payloads.JSON.writeValueAsBytes(reply.body());
        Map<String, String> recordedRequestHeaders = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (RECORDED_REQUEST_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                recordedRequestHeaders.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        exchanges.add(new RecordedExchange(method, path, rawQuery, Map.copyOf(recordedRequestHeaders), authScheme(secret), reply.status(),
                Map.copyOf(headers), keepResponseBodies ? body : new byte[0], injected));
        return new Response(reply.status(), headers, body);
    }

    private Reply route(String method, String path, Map<String, String> query, byte[] requestBody, String secret) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher matcher = route.path().matcher(path);
            if (!matcher.matches()) {
                continue;
            }
            pathKnown = true;
            if (!route.method().equals(method)) {
                continue;
            }
            try {
                JsonNode body = requestBody.length == 0 ? Payloads.JSON.createObjectNode() : Payloads.JSON.readTree(requestBody);
                return route.handler().handle(new Call(matcher, query, body, authenticate(route.auth(), secret)));
            } catch (Refusal refusal) {
                return refusal.reply;
            } catch (IOException e) {
                return new Refusal(400, "Problems parsing JSON").reply;
            }
        }
        return new Refusal(pathKnown ? 405 : 404, "Not Found").reply;
    }

    private Identity authenticate(Auth auth, String secret) {
        return switch (auth) {
            case NONE -> new Identity(null, null);
            case APP -> {
                SimulatedApp app = verifyJwt(secret);
                yield new Identity(app, null);
            }
            case TOKEN -> {
                TokenState token = secret == null ? null : tokens.get(secret);
                if (token == null || !isValid(secret)) {
                    throw new Refusal(401, secret == null ? "Requires authentication" : "Bad credentials");
                }
                yield new Identity(null, token);
            }
        };
    }

    private SimulatedApp verifyJwt(String jwt) {
        if (jwt == null) {
            throw new Refusal(401, "A JSON web token could not be decoded");
        }
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new Refusal(401, "A JSON web token could not be decoded");
        }
        JsonNode header;
        JsonNode claims;
        try {
            header = Payloads.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            claims = Payloads.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | IllegalArgumentException e) {
            throw new Refusal(401, "A JSON web token could not be decoded");
        }
        if (!"RS256".equals(header.path("alg").asText())) {
            throw new Refusal(401, "A JSON web token could not be decoded");
        }
        String issuer = claims.path("iss").asText();
        SimulatedApp app = apps.values().stream()
                .filter(a -> a.clientId().equals(issuer) || Long.toString(a.appId()).equals(issuer))
                .findFirst()
                .orElseThrow(() -> new Refusal(401, "'Issuer' claim ('iss') must be an Integer or a Client ID"));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(app.publicKey());
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw new Refusal(401, "A JSON web token could not be decoded");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Refusal(401, "A JSON web token could not be decoded");
        }
        long now = clock.instant().getEpochSecond();
        if (!claims.path("iat").canConvertToLong() || claims.path("iat").asLong() > now) {
            throw new Refusal(401, "'Issued at' claim ('iat') must be an Integer representing a time in the past.");
        }
        if (!claims.path("exp").canConvertToLong() || claims.path("exp").asLong() <= now) {
            throw new Refusal(401, "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires.");
        }
        if (claims.path("exp").asLong() - claims.path("iat").asLong() > MAX_JWT_LIFETIME_SECONDS
                || claims.path("exp").asLong() > now + MAX_JWT_LIFETIME_SECONDS) {
            throw new Refusal(401, "'Expiration time' claim ('exp') is too far in the future");
        }
        return app;
    }

    private void defineRoutes() {
        routes.add(new Route("POST", Pattern.compile("/app/installations/(?<id>\\d+)/access_tokens"), Auth.APP, this::createInstallationToken));
        routes.add(new Route("GET", Pattern.compile("/app/installations/(?<id>\\d+)"), Auth.APP, this::getInstallation));
        routes.add(new Route("DELETE", Pattern.compile("/installation/token"), Auth.TOKEN, this::revokeInstallationToken));
        routes.add(new Route("GET", Pattern.compile("/installation/repositories"), Auth.TOKEN, this::listInstallationRepositories));
        routes.add(new Route("GET", Pattern.compile("/user"), Auth.TOKEN, this::getUser));
        routes.add(new Route("POST", Pattern.compile("/credentials/revoke"), Auth.NONE, this::revokeCredentials));
        routes.add(new Route("GET", Pattern.compile("/orgs/(?<org>[^/]+)/personal-access-tokens"), Auth.TOKEN, this::listOrgPatGrants));
        routes.add(new Route("POST", Pattern.compile("/orgs/(?<org>[^/]+)/personal-access-tokens/(?<id>\\d+)"), Auth.TOKEN, this::updateOrgPatGrant));
        routes.add(new Route("GET", Pattern.compile("/orgs/(?<org>[^/]+)/repos"), Auth.TOKEN, this::listOrgRepositories));
        routes.add(new Route("GET", Pattern.compile("/orgs/(?<org>[^/]+)/audit-log"), Auth.TOKEN, this::getAuditLog));
        routes.add(new Route("GET", Pattern.compile("/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/contents/(?<path>.*)"), Auth.TOKEN, this::getContent));
        routes.add(new Route("GET", Pattern.compile("/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/git/trees/(?<ref>[^/]+)"), Auth.TOKEN, this::getTree));
        routes.add(new Route("GET", Pattern.compile("/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/pulls/(?<number>\\d+)/files"), Auth.TOKEN,
                this::listPullRequestFiles));
        routes.add(new Route("GET", Pattern.compile("/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/commits/(?<sha>[0-9a-f]{40})/pulls"), Auth.TOKEN,
                this::listCommitPullRequests));
        routes.add(new Route("GET", Pattern.compile("/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/commits/(?<ref>[^/]+)"), Auth.TOKEN, this::getCommit));
        routes.add(new Route("GET", Pattern.compile("/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/pulls/(?<number>\\d+)/reviews"), Auth.TOKEN,
                this::listPullRequestReviews));
        routes.add(new Route("GET", Pattern.compile("/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/secret-scanning/alerts/(?<number>\\d+)"), Auth.TOKEN,
                this::getSecretScanningAlert));
        routes.add(new Route("POST", Pattern.compile("/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/check-runs"), Auth.TOKEN, this::createCheckRun));
        routes.add(new Route("PATCH", Pattern.compile("/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/check-runs/(?<id>\\d+)"), Auth.TOKEN, this::updateCheckRun));
        routes.add(new Route("GET", Pattern.compile("/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/commits/(?<ref>[^/]+)/check-runs"), Auth.TOKEN,
                this::listCheckRunsForRef));
        routes.add(new Route("POST", Pattern.compile("/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/code-scanning/sarifs"), Auth.TOKEN, this::uploadSarif));
        routes.add(new Route("GET", Pattern.compile("/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/code-scanning/sarifs/(?<id>[^/]+)"), Auth.TOKEN, this::getSarif));
        routes.add(new Route("GET", Pattern.compile("/advisories"), Auth.TOKEN, this::listAdvisories));
        routes.add(new Route("POST", Pattern.compile("/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/issues"), Auth.TOKEN, this::createIssue));
        routes.add(new Route("GET", Pattern.compile("/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/issues"), Auth.TOKEN, this::listIssues));
        routes.add(new Route("PATCH", Pattern.compile("/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/issues/(?<number>\\d+)"), Auth.TOKEN, this::updateIssue));
        routes.add(new Route("POST", Pattern.compile("/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/issues/(?<number>\\d+)/comments"), Auth.TOKEN,
                this::commentOnIssue));
        routes.addAll(git.routes());
    }

    // ---- GitHub Apps

    private Reply createInstallationToken(Call call) {
        InstallationState installation = installation(call);
        Map<String, String> permissions = new LinkedHashMap<>(installation.permissions());
        if (call.body().has("permissions")) {
            permissions.clear();
            call.body().path("permissions").properties().forEach(e -> {
                String granted = installation.permissions().get(e.getKey());
                if (granted == null || level(e.getValue().asText()) > level(granted)) {
                    throw new Refusal(422, "The permissions requested are not granted to this installation.");
                }
                permissions.put(e.getKey(), e.getValue().asText());
            });
        }
        Set<String> narrowed = null;
        if (call.body().has("repositories")) {
            narrowed = new LinkedHashSet<>();
            for (JsonNode name : call.body().path("repositories")) {
                Optional<SimulatedRepository> repo = repository(installation.account(), name.asText());
                if (repo.isEmpty() || !(installation.repositories().isEmpty() || installation.repositories().contains(name.asText()))) {
                    throw new Refusal(422, "There is at least one repository that does not exist or is not accessible to the parent installation.");
                }
                narrowed.add(name.asText());
            }
        }
        if (narrowed == null && !installation.repositories().isEmpty()) {
            narrowed = new LinkedHashSet<>(installation.repositories());
        }
        String value = longInstallationTokens ? GitHubTokenShapes.longInstallationToken() : GitHubTokenShapes.installationToken();
        Instant expiresAt = clock.instant().plus(TOKEN_LIFETIME);
        SimulatedApp app = apps.get(installation.appId());
        tokens.put(value, new TokenState(TokenKind.INSTALLATION, app.slug() + "[bot]", installation.appId() + "/" + installation.id(),
                Map.copyOf(permissions), narrowed, List.of(), expiresAt));
        ObjectNode body = Payloads.JSON.createObjectNode().put("token", value).put("expires_at", Payloads.time(expiresAt));
        ObjectNode granted = body.putObject("permissions");
        permissions.forEach(granted::put);
        body.put("repository_selection", narrowed == null ? "all" : "selected");
        if (narrowed != null) {
            ArrayNode repos = body.putArray("repositories");
            narrowed.forEach(name -> repos.add(payloads.repository(repository(installation.account(), name).orElseThrow())));
        }
        return Reply.of(201, body);
    }

    private Reply getInstallation(Call call) {
        InstallationState installation = installation(call);
        SimulatedApp app = apps.get(installation.appId());
        ObjectNode body = Payloads.JSON.createObjectNode()
                .put("id", installation.id()).put("app_id", installation.appId()).put("app_slug", app.slug())
                .put("target_id", Math.abs((long) installation.account().hashCode())).put("target_type", "Organization")
                .putNull("single_file_name").put("has_multiple_single_files", false)
                .put("repository_selection", installation.repositories().isEmpty() ? "all" : "selected")
                .put("access_tokens_url", baseUrl + "/app/installations/" + installation.id() + "/access_tokens")
                .put("repositories_url", baseUrl + "/installation/repositories")
                .put("html_url", "https://github.example/organizations/" + installation.account() + "/settings/installations/" + installation.id())
                .put("created_at", Payloads.time(installation.createdAt())).put("updated_at", Payloads.time(installation.createdAt()))
                .putNull("suspended_by").putNull("suspended_at");
        body.set("account", payloads.simpleUser(installation.account(), Math.abs((long) installation.account().hashCode()), "Organization"));
        ObjectNode permissions = body.putObject("permissions");
        installation.permissions().forEach(permissions::put);
        body.putArray("events");
        body.putArray("single_file_paths");
        return Reply.of(200, body);
    }

    private InstallationState installation(Call call) {
        InstallationState installation = installations.get(Long.parseLong(call.group("id")));
        if (installation == null || installation.appId() != call.identity().app().appId()) {
            throw new Refusal(404, "Not Found");
        }
        return installation;
    }

    private Reply revokeInstallationToken(Call call) {
        if (call.identity().token().kind != TokenKind.INSTALLATION) {
            throw new Refusal(403, "This endpoint requires an installation access token");
        }
        call.identity().token().revoked = true;
        return Reply.of(204, null);
    }

    /** The repositories an installation token reaches: {@code total_count} and one page (no {@code Link}: callers read the count). */
    private Reply listInstallationRepositories(Call call) {
        if (call.identity().token().kind != TokenKind.INSTALLATION) {
            throw new Refusal(403, "This endpoint requires an installation access token");
        }
        List<SimulatedRepository> visible = repositories.values().stream().filter(r -> canSee(call.identity(), r)).toList();
        int perPage = Math.max(1, Math.min(100, parseInt(call.query().get("per_page"), 30)));
        int page = Math.max(1, parseInt(call.query().get("page"), 1));
        ObjectNode body = Payloads.JSON.createObjectNode().put("total_count", visible.size())
                .put("repository_selection", call.identity().token().repositories == null ? "all" : "selected");
        ArrayNode repos = body.putArray("repositories");
        visible.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(r -> repos.add(payloads.repository(r)));
        return Reply.of(200, body);
    }

    // ---- PATs

    private Reply getUser(Call call) {
        TokenState token = call.identity().token();
        if (token.kind == TokenKind.INSTALLATION) {
            throw new Refusal(403, "Resource not accessible by integration");
        }
        return Reply.of(200, payloads.publicUser(token.login, Math.abs((long) token.login.hashCode()), clock.instant().minus(Duration.ofDays(365))));
    }

    private Reply revokeCredentials(Call call) {
        JsonNode credentials = call.body().path("credentials");
        if (!credentials.isArray() || credentials.isEmpty() || credentials.size() > 1000) {
            throw new Refusal(422, "Validation Failed: credentials must hold 1 to 1000 values");
        }
        credentials.forEach(value -> Optional.ofNullable(tokens.get(value.asText())).ifPresent(token -> token.revoked = true));
        return Reply.of(202, Payloads.JSON.createObjectNode());
    }

    private Reply listOrgPatGrants(Call call) {
        String org = call.group("org");
        requirePermission(call.identity(), "organization_personal_access_tokens", "read");
        List<JsonNode> grants = patGrants.values().stream().filter(g -> g.org().equalsIgnoreCase(org)).map(this::patGrant).toList();
        return paged(call, "/orgs/" + org + "/personal-access-tokens", grants);
    }

    private JsonNode patGrant(PatGrant grant) {
        ObjectNode node = Payloads.JSON.createObjectNode()
                .put("id", grant.id()).put("repository_selection", "all")
                .put("repositories_url", baseUrl + "/organizations/" + grant.org() + "/personal-access-tokens/" + grant.id() + "/repositories")
                .put("access_granted_at", Payloads.time(grant.grantedAt())).put("token_id", grant.tokenId()).put("token_name", grant.tokenName())
                .put("token_expired", grant.expiresAt() != null && !clock.instant().isBefore(grant.expiresAt()))
                .putNull("token_last_used_at");
        node.put("token_expires_at", grant.expiresAt() == null ? null : Payloads.time(grant.expiresAt()));
        node.set("owner", payloads.simpleUser(grant.owner(), Math.abs((long) grant.owner().hashCode()), "User"));
        ObjectNode permissions = node.putObject("permissions");
        permissions.putObject("organization");
        permissions.putObject("repository").put("contents", "read");
        permissions.putObject("other");
        return node;
    }

    private Reply updateOrgPatGrant(Call call) {
        requirePermission(call.identity(), "organization_personal_access_tokens", "write");
        if (!"revoke".equals(call.body().path("action").asText())) {
            throw new Refusal(422, "Validation Failed: action must be revoke");
        }
        PatGrant grant = patGrants.get(Long.parseLong(call.group("id")));
        if (grant == null || !grant.org().equalsIgnoreCase(call.group("org"))) {
            throw new Refusal(404, "Not Found");
        }
        patGrants.remove(grant.id());
        return Reply.of(204, null);
    }

    // ---- commits, merged pull requests, reviews

    /** The merged pull requests that brought commit {@code sha} in (GitHub lists open ones too; the simulator has none of those here). */
    private Reply listCommitPullRequests(Call call) {
        SimulatedRepository repo = readableRepository(call, "pull_requests");
        String sha = call.group("sha");
        ArrayNode body = Payloads.JSON.createArrayNode();
        repo.merges.values().stream().filter(m -> m.commitShas().contains(sha)).forEach(m -> body.add(pullRequestSimple(repo, m)));
        return Reply.of(200, body);
    }

    private Reply getCommit(Call call) {
        SimulatedRepository repo = readableRepository(call, "contents");
        SimulatedRepository.Commit commit = repo.commits.get(call.group("ref"));
        if (commit == null) {
            throw new Refusal(422, "No commit found for SHA: " + call.group("ref"));
        }
        String url = baseUrl + "/repos/" + repo.fullName() + "/commits/" + commit.sha();
        ObjectNode body = Payloads.JSON.createObjectNode().put("url", url).put("sha", commit.sha())
                .put("node_id", "C_" + commit.sha().substring(0, 12)).put("html_url", "https://github.example/" + repo.fullName() + "/commit/" + commit.sha())
                .put("comments_url", url + "/comments");
        ObjectNode git = body.putObject("commit").put("url", baseUrl + "/repos/" + repo.fullName() + "/git/commits/" + commit.sha())
                .put("message", commit.message()).put("comment_count", 0);
        ObjectNode person = Payloads.JSON.createObjectNode().put("name", commit.author()).put("email", commit.author() + "@users.noreply.github.example")
                .put("date", Payloads.time(commit.at()));
        git.set("author", person);
        git.set("committer", person.deepCopy());
        git.putObject("tree").put("sha", treeSha(repo, "")).put("url", baseUrl + "/repos/" + repo.fullName() + "/git/trees/" + treeSha(repo, ""));
        ObjectNode verification = git.putObject("verification").put("verified", commit.verified())
                .put("reason", commit.verified() ? "valid" : "unsigned");
        verification.putNull("payload").putNull("signature");
        if (commit.verified()) {
            verification.put("verified_at", Payloads.time(commit.at()));
        } else {
            verification.putNull("verified_at");
        }
        body.set("author", payloads.simpleUser(commit.author(), Math.abs((long) commit.author().hashCode()), "User"));
        body.set("committer", payloads.simpleUser(commit.author(), Math.abs((long) commit.author().hashCode()), "User"));
        body.putArray("parents");
        return Reply.of(200, body);
    }

    private Reply listPullRequestReviews(Call call) {
        SimulatedRepository repo = readableRepository(call, "pull_requests");
        SimulatedRepository.Merge merge = repo.merges.get(Long.parseLong(call.group("number")));
        if (merge == null) {
            throw new Refusal(404, "Not Found");
        }
        String pullUrl = baseUrl + "/repos/" + repo.fullName() + "/pulls/" + merge.number();
        String htmlUrl = "https://github.example/" + repo.fullName() + "/pull/" + merge.number();
        ArrayNode body = Payloads.JSON.createArrayNode();
        for (String approver : merge.approvers()) {
            long id = nextId++;
            ObjectNode review = body.addObject().put("id", id).put("node_id", "PRR_" + id).put("body", "")
                    .put("state", "APPROVED").put("html_url", htmlUrl + "#pullrequestreview-" + id).put("pull_request_url", pullUrl)
                    .put("commit_id", merge.commitShas().getLast()).put("submitted_at", Payloads.time(merge.mergedAt()))
                    .put("author_association", "MEMBER");
            review.set("user", payloads.simpleUser(approver, Math.abs((long) approver.hashCode()), "User"));
            ObjectNode links = review.putObject("_links");
            links.putObject("html").put("href", htmlUrl + "#pullrequestreview-" + id);
            links.putObject("pull_request").put("href", pullUrl);
        }
        return Reply.of(200, body);
    }

    private ObjectNode pullRequestSimple(SimulatedRepository repo, SimulatedRepository.Merge merge) {
        String url = baseUrl + "/repos/" + repo.fullName() + "/pulls/" + merge.number();
        String issueUrl = baseUrl + "/repos/" + repo.fullName() + "/issues/" + merge.number();
        String htmlUrl = "https://github.example/" + repo.fullName() + "/pull/" + merge.number();
        String mergedAt = Payloads.time(merge.mergedAt());
        ObjectNode pull = Payloads.JSON.createObjectNode().put("url", url).put("id", merge.number() + 7_000_000L)
                .put("node_id", "PR_" + merge.number()).put("html_url", htmlUrl).put("diff_url", htmlUrl + ".diff")
                .put("patch_url", htmlUrl + ".patch").put("issue_url", issueUrl).put("commits_url", url + "/commits")
                .put("review_comments_url", url + "/comments").put("review_comment_url", baseUrl + "/repos/" + repo.fullName() + "/pulls/comments{/number}")
                .put("comments_url", issueUrl + "/comments").put("statuses_url", baseUrl + "/repos/" + repo.fullName() + "/statuses/" + merge.commitShas().getLast())
                .put("number", merge.number()).put("state", "closed").put("locked", false).put("title", "Pull request " + merge.number())
                .put("body", "").put("created_at", mergedAt).put("updated_at", mergedAt).put("closed_at", mergedAt).put("merged_at", mergedAt)
                .put("merge_commit_sha", merge.commitShas().getLast()).put("author_association", "MEMBER").put("draft", false);
        pull.set("user", payloads.simpleUser(merge.author(), Math.abs((long) merge.author().hashCode()), "User"));
        pull.putNull("assignee").putNull("milestone").putNull("auto_merge");
        pull.putArray("labels");
        ObjectNode head = pull.putObject("head").put("label", repo.owner() + ":pr-" + merge.number()).put("ref", "pr-" + merge.number())
                .put("sha", merge.commitShas().getLast());
        head.set("repo", payloads.repository(repo));
        head.set("user", payloads.simpleUser(repo.owner(), Math.abs((long) repo.owner().hashCode()), "Organization"));
        ObjectNode base = pull.putObject("base").put("label", repo.owner() + ":" + merge.base()).put("ref", merge.base()).put("sha", repo.head);
        base.set("repo", payloads.repository(repo));
        base.set("user", payloads.simpleUser(repo.owner(), Math.abs((long) repo.owner().hashCode()), "Organization"));
        ObjectNode links = pull.putObject("_links");
        links.putObject("comments").put("href", issueUrl + "/comments");
        links.putObject("commits").put("href", url + "/commits");
        links.putObject("statuses").put("href", baseUrl + "/repos/" + repo.fullName() + "/statuses/" + merge.commitShas().getLast());
        links.putObject("html").put("href", htmlUrl);
        links.putObject("issue").put("href", issueUrl);
        links.putObject("review_comments").put("href", url + "/comments");
        links.putObject("review_comment").put("href", baseUrl + "/repos/" + repo.fullName() + "/pulls/comments{/number}");
        links.putObject("self").put("href", url);
        return pull;
    }

    // ---- audit log

    /**
     * {@code GET /orgs/{org}/audit-log}: needs {@code organization_administration: read} on an installation of that
     * organisation; {@code order} asc or desc (default desc), {@code per_page} up to 100, and cursor pages: the
     * {@code Link} header's {@code next} carries an opaque {@code after} cursor while events remain beyond the page.
     */
    private Reply getAuditLog(Call call) {
        String org = call.group("org");
        TokenState token = call.identity().token();
        if (!organisations.contains(org) || token.kind == TokenKind.INSTALLATION && !installationAccount(token).equalsIgnoreCase(org)) {
            throw new Refusal(404, "Not Found");
        }
        requirePermission(call.identity(), "organization_administration", "read");
        boolean ascending = "asc".equals(call.query().get("order"));
        List<AuditEvent> ordered = new ArrayList<>(auditLog.stream().filter(e -> e.org().equalsIgnoreCase(org)).toList());
        if (!ascending) {
            Collections.reverse(ordered);
        }
        int start = 0;
        String after = call.query().get("after");
        if (after != null && !after.isEmpty()) {
            String documentId = decodeCursor(after);
            int position = ordered.stream().map(AuditEvent::documentId).toList().indexOf(documentId);
            if (position < 0) {
                throw new Refusal(422, "Invalid cursor");
            }
            start = position + 1;
        }
        int perPage = Math.max(1, Math.min(100, parseInt(call.query().get("per_page"), 30)));
        List<AuditEvent> page = ordered.subList(start, Math.min(ordered.size(), start + perPage));
        ArrayNode body = Payloads.JSON.createArrayNode();
        page.forEach(event -> body.add(auditEvent(event)));
        if (start + page.size() >= ordered.size()) {
            return new Reply(200, body, Map.of());
        }
        Map<String, String> query = new LinkedHashMap<>(call.query());
        query.put("after", encodeCursor(page.getLast().documentId()));
        query.remove("page");
        StringBuilder next = new StringBuilder(baseUrl).append("/orgs/").append(org).append("/audit-log?");
        query.forEach((name, value) -> next.append(encode(name)).append('=').append(encode(value)).append('&'));
        next.setLength(next.length() - 1);
        return new Reply(200, body, Map.of("Link", "<" + next + ">; rel=\"next\""));
    }

    private ObjectNode auditEvent(AuditEvent event) {
        ObjectNode node = Payloads.JSON.createObjectNode()
                .put("@timestamp", event.at().toEpochMilli()).put("created_at", event.at().toEpochMilli())
                .put("_document_id", event.documentId()).put("action", event.action()).put("actor", event.actor())
                .put("org", event.org()).put("org_id", Math.abs((long) event.org().hashCode()));
        if (event.repository() != null) {
            node.put("repo", event.repository());
        }
        if (event.actorIp() != null) {
            node.put("actor_ip", event.actorIp());
        }
        if (event.hashedToken() != null) {
            node.put("hashed_token", event.hashedToken()).put("programmatic_access_type", "GitHub App server-to-server token");
        }
        return node;
    }

    private static String encodeCursor(String documentId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("audit:" + documentId).getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith("audit:")) {
                return decoded.substring("audit:".length());
            }
        } catch (IllegalArgumentException e) {
            // not base64: answered as an invalid cursor below
        }
        throw new Refusal(422, "Invalid cursor");
    }

    // ---- repositories

    private Reply listOrgRepositories(Call call) {
        String org = call.group("org");
        if (!organisations.contains(org)) {
            throw new Refusal(404, "Not Found");
        }
        List<JsonNode> visible = repositories.values().stream()
                .filter(r -> r.owner.equalsIgnoreCase(org))
                .filter(r -> canSee(call.identity(), r))
                .map(r -> (JsonNode) payloads.repository(r))
                .toList();
        return paged(call, "/orgs/" + org + "/repos", visible);
    }

    private Reply getContent(Call call) {
        SimulatedRepository repo = readableRepository(call, "contents");
        Map<String, byte[]> files = filesAt(repo, call.query().get("ref"));
        String path = call.group("path");
        byte[] content = files.get(path);
        if (content == null) {
            String prefix = path.isEmpty() ? "" : path + "/";
            Set<String> children = new TreeSet<>();
            files.keySet().stream().filter(p -> p.startsWith(prefix))
                    .forEach(p -> children.add(prefix + p.substring(prefix.length()).split("/")[0]));
            if (children.isEmpty()) {
                throw new Refusal(404, "Not Found");
            }
            ArrayNode listing = Payloads.JSON.createArrayNode();
            children.forEach(child -> listing.add(contentEntry(repo, files, child, files.get(child))));
            return Reply.of(200, listing);
        }
        ObjectNode file = contentEntry(repo, files, path, content);
        file.put("encoding", "base64").put("content", Base64.getMimeEncoder(60, "\n".getBytes()).encodeToString(content) + "\n");
        return Reply.of(200, file);
    }

    private ObjectNode contentEntry(SimulatedRepository repo, Map<String, byte[]> files, String path, byte[] content) {
        String apiUrl = baseUrl + "/repos/" + repo.fullName() + "/contents/" + path;
        String sha = content == null ? treeSha(files, path + "/") : blobSha(content);
        String gitUrl = baseUrl + "/repos/" + repo.fullName() + "/git/" + (content == null ? "trees/" : "blobs/") + sha;
        String htmlUrl = "https://github.example/" + repo.fullName() + (content == null ? "/tree/" : "/blob/") + repo.defaultBranch + "/" + path;
        ObjectNode node = Payloads.JSON.createObjectNode()
                .put("type", content == null ? "dir" : "file").put("size", content == null ? 0 : content.length)
                .put("name", path.substring(path.lastIndexOf('/') + 1)).put("path", path).put("sha", sha)
                .put("url", apiUrl).put("git_url", gitUrl).put("html_url", htmlUrl);
        node.put("download_url", content == null ? null : "https://raw.github.example/" + repo.fullName() + "/" + repo.defaultBranch + "/" + path);
        node.putObject("_links").put("self", apiUrl).put("git", gitUrl).put("html", htmlUrl);
        return node;
    }

    /** The files a pull request changes, as its head repository holds them (removed ones with the base's blob). */
    private Reply listPullRequestFiles(Call call) {
        SimulatedRepository repo = readableRepository(call, "pull_requests");
        long number = Long.parseLong(call.group("number"));
        SimulatedRepository.PullRequest pull = Optional.ofNullable(repo.pullRequest(number)).orElseThrow(() -> new Refusal(404, "Not Found"));
        SimulatedRepository head = pull.head();
        List<JsonNode> entries = new ArrayList<>();
        for (String path : pull.changed()) {
            byte[] before = pull.base().get(path);
            byte[] after = head.files.getOrDefault(path, new byte[0]);
            entries.add(diffEntry(head, path, before == null ? "added" : "modified", after, before == null ? new byte[0] : before));
        }
        pull.removed().forEach(path -> {
            byte[] before = pull.base().getOrDefault(path, new byte[0]);
            entries.add(diffEntry(head, path, "removed", before, before));
        });
        return paged(call, "/repos/" + repo.fullName() + "/pulls/" + number + "/files", entries);
    }

    /** One file of a pull request's diff, with the {@code patch} from {@code before} to {@code content} (a removed file: to nothing). */
    private JsonNode diffEntry(SimulatedRepository head, String path, String status, byte[] content, byte[] before) {
        String sha = blobSha(content);
        String patch = UnifiedDiff.patch(new String(before, StandardCharsets.UTF_8),
                status.equals("removed") ? "" : new String(content, StandardCharsets.UTF_8));
        long additions = patch.lines().filter(line -> line.startsWith("+")).count();
        long deletions = patch.lines().filter(line -> line.startsWith("-")).count();
        return Payloads.JSON.createObjectNode()
                .put("sha", sha).put("filename", path).put("status", status)
                .put("additions", additions).put("deletions", deletions).put("changes", additions + deletions).put("patch", patch)
                .put("blob_url", "https://github.example/" + head.fullName() + "/blob/" + head.head + "/" + path)
                .put("raw_url", "https://github.example/" + head.fullName() + "/raw/" + head.head + "/" + path)
                .put("contents_url", baseUrl + "/repos/" + head.fullName() + "/contents/" + path + "?ref=" + head.head);
    }

    private Reply getTree(Call call) {
        SimulatedRepository repo = readableRepository(call, "contents");
        Map<String, byte[]> files = filesAt(repo, call.group("ref"));
        String rootSha = treeSha(files, "");
        boolean recursive = call.query().containsKey("recursive");
        ArrayNode tree = Payloads.JSON.createArrayNode();
        Set<String> directories = new TreeSet<>();
        files.keySet().forEach(p -> {
            for (int slash = p.indexOf('/'); slash > 0; slash = p.indexOf('/', slash + 1)) {
                directories.add(p.substring(0, slash));
            }
        });
        directories.stream().filter(d -> recursive || !d.contains("/")).forEach(d -> {
            String sha = treeSha(files, d + "/");
            tree.addObject().put("path", d).put("mode", "040000").put("type", "tree").put("sha", sha)
                    .put("url", baseUrl + "/repos/" + repo.fullName() + "/git/trees/" + sha);
        });
        files.entrySet().stream().filter(e -> recursive || !e.getKey().contains("/")).forEach(e -> {
            String sha = blobSha(e.getValue());
            tree.addObject().put("path", e.getKey()).put("mode", "100644").put("type", "blob").put("sha", sha).put("size", e.getValue().length)
                    .put("url", baseUrl + "/repos/" + repo.fullName() + "/git/blobs/" + sha);
        });
        ObjectNode body = Payloads.JSON.createObjectNode().put("sha", rootSha)
                .put("url", baseUrl + "/repos/" + repo.fullName() + "/git/trees/" + rootSha).put("truncated", false);
        body.set("tree", tree);
        return Reply.of(200, body);
    }

    private Reply getSecretScanningAlert(Call call) {
        SimulatedRepository repo = readableRepository(call, "secret_scanning_alerts");
        long number = Long.parseLong(call.group("number"));
        SimulatedRepository.SecretAlert alert = repo.alerts.stream().filter(a -> a.number() == number).findFirst()
                .orElseThrow(() -> new Refusal(404, "Not Found"));
        String url = baseUrl + "/repos/" + repo.fullName() + "/secret-scanning/alerts/" + number;
        ObjectNode body = Payloads.JSON.createObjectNode()
                .put("number", number).put("created_at", Payloads.time(alert.createdAt())).putNull("updated_at")
                .put("url", url).put("html_url", "https://github.example/" + repo.fullName() + "/security/secret-scanning/" + number)
                .put("locations_url", url + "/locations").put("state", "open").putNull("resolution").putNull("resolved_at")
                .putNull("resolved_by").putNull("resolution_comment")
                .put("secret_type", alert.secretType()).put("secret_type_display_name", alert.secretType())
                .put("secret", alert.secret()).put("push_protection_bypassed", false).putNull("push_protection_bypassed_by")
                .putNull("push_protection_bypassed_at").put("validity", "active").put("publicly_leaked", false).put("multi_repo", false);
        return Reply.of(200, body);
    }

    // ---- check runs and code scanning SARIF uploads

    private static final Set<String> CHECK_STATUSES = Set.of("queued", "in_progress", "completed");
    /** What an app may set; {@code stale} is GitHub's alone. */
    private static final Set<String> CHECK_CONCLUSIONS = Set.of("action_required", "cancelled", "failure", "neutral", "success", "skipped", "timed_out");
    private static final Set<String> ANNOTATION_LEVELS = Set.of("notice", "warning", "failure");
    private static final int MAX_ANNOTATIONS_PER_REQUEST = 50;
    private static final int MAX_CHECK_TEXT = 65_535;
    /** GitHub's limits on a SARIF upload: 10 MB gzip'd, 20 runs per file, 25,000 results per run. */
    private static final int MAX_SARIF_GZIP_BYTES = 10 * 1024 * 1024;
    private static final int MAX_SARIF_RUNS = 20;
    private static final int MAX_SARIF_RESULTS_PER_RUN = 25_000;
    private static final int MAX_SARIF_BYTES = 200 * 1024 * 1024;
    private static final Pattern COMMIT_SHA = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern SARIF_REF = Pattern.compile("refs/(heads|tags|pull)/.+");

    /** {@code POST /repos/{owner}/{repo}/check-runs}: a GitHub App's installation token with {@code checks: write}, on a commit the repository has. */
    private Reply createCheckRun(Call call) {
        SimulatedApp app = checksApp(call);
        SimulatedRepository repo = writableRepository(call, "checks");
        JsonNode body = call.body();
        if (body.path("name").asText("").isBlank() || body.path("head_sha").asText("").isBlank()) {
            throw new Refusal(422, "Invalid request.\n\nname and head_sha are required.");
        }
        String headSha = body.path("head_sha").asText();
        if (!knownCommit(repo, headSha)) {
            throw new Refusal(422, "No commit found for SHA: " + headSha);
        }
        validateCheckRun(body);
        CheckRunState run = new CheckRunState(nextId++, app.appId(), headSha, clock.instant());
        synchronized (repo) {
            applyCheckRun(run, body);
            repo.checkRuns.put(run.id, run);
        }
        return Reply.of(201, checkRun(repo, run));
    }

    /** {@code PATCH .../check-runs/{id}}: only the app that created the run; its head commit cannot change, annotations are appended. */
    private Reply updateCheckRun(Call call) {
        SimulatedApp app = checksApp(call);
        SimulatedRepository repo = writableRepository(call, "checks");
        CheckRunState run;
        synchronized (repo) {
            run = repo.checkRuns.get(Long.parseLong(call.group("id")));
        }
        if (run == null) {
            throw new Refusal(404, "Not Found");
        }
        if (run.appId != app.appId()) {
            throw new Refusal(403, "Invalid app_id `" + app.appId() + "` - check run can only be modified by the GitHub App that created it.");
        }
        validateCheckRun(call.body());
        synchronized (repo) {
            applyCheckRun(run, call.body());
        }
        return Reply.of(200, checkRun(repo, run));
    }

    /** {@code GET .../commits/{ref}/check-runs}: {@code check_name}, {@code status}, {@code app_id}, {@code filter} (latest by default: the newest run per app and name). */
    private Reply listCheckRunsForRef(Call call) {
        SimulatedRepository repo = readableRepository(call, "checks");
        String ref = call.group("ref");
        String sha = ref.equals(repo.defaultBranch) || ref.equals("heads/" + repo.defaultBranch) ? repo.head : ref;
        if (!knownCommit(repo, sha)) {
            throw new Refusal(422, "No commit found for SHA: " + ref);
        }
        Map<String, String> query = call.query();
        List<CheckRunState> matching = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        synchronized (repo) {
            List<CheckRunState> newestFirst = new ArrayList<>(repo.checkRuns.values());
            Collections.reverse(newestFirst);
            for (CheckRunState run : newestFirst) {
                boolean latestOnly = !"all".equals(query.get("filter"));
                if (run.headSha.equals(sha)
                        && (!query.containsKey("check_name") || run.name.equals(query.get("check_name")))
                        && (!query.containsKey("status") || run.status.equals(query.get("status")))
                        && (!query.containsKey("app_id") || Long.toString(run.appId).equals(query.get("app_id")))
                        && (seen.add(run.appId + "/" + run.name) || !latestOnly)) {
                    matching.add(run);
                }
            }
        }
        int perPage = Math.max(1, Math.min(100, parseInt(query.get("per_page"), 30)));
        int page = Math.max(1, parseInt(query.get("page"), 1));
        ObjectNode body = Payloads.JSON.createObjectNode().put("total_count", matching.size());
        ArrayNode runs = body.putArray("check_runs");
        matching.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(run -> runs.add(checkRun(repo, run)));
        return Reply.of(200, body);
    }

    private SimulatedApp checksApp(Call call) {
        TokenState token = call.identity().token();
        if (token.kind != TokenKind.INSTALLATION) {
            throw new Refusal(403, "Resource not accessible by personal access token");
        }
        return apps.get(installations.get(Long.parseLong(token.rateKey.substring(token.rateKey.indexOf('/') + 1))).appId());
    }

    /** The repository's head, a commit it records, or the head of one of its pull requests (which GitHub keeps as refs/pull/N/head). */
    private static boolean knownCommit(SimulatedRepository repo, String sha) {
        synchronized (repo) {
            return sha.equals(repo.head) || repo.commits.containsKey(sha)
                    || repo.pullRequests.values().stream().anyMatch(pull -> sha.equals(pull.head().head));
        }
    }

    private static void validateCheckRun(JsonNode body) {
        String status = body.path("status").asText(null);
        String conclusion = body.path("conclusion").asText(null);
        if (status != null && !CHECK_STATUSES.contains(status)) {
            throw new Refusal(422, "Invalid request.\n\nstatus is not one of queued, in_progress, completed.");
        }
        if (conclusion != null && !CHECK_CONCLUSIONS.contains(conclusion)) {
            throw new Refusal(422, "Invalid request.\n\nconclusion is not one an app may set.");
        }
        if (conclusion == null && ("completed".equals(status) || body.has("completed_at"))) {
            throw new Refusal(422, "Invalid request.\n\nconclusion is required when status is completed or completed_at is given.");
        }
        if (!body.has("output")) {
            return;
        }
        JsonNode output = body.path("output");
        if (!output.path("title").isTextual() || !output.path("summary").isTextual()) {
            throw new Refusal(422, "Invalid request.\n\noutput needs a title and a summary.");
        }
        if (output.path("summary").asText().length() > MAX_CHECK_TEXT || output.path("text").asText("").length() > MAX_CHECK_TEXT) {
            throw new Refusal(422, "Invalid request.\n\noutput summary and text are limited to 65535 characters.");
        }
        JsonNode annotations = output.path("annotations");
        if (annotations.size() > MAX_ANNOTATIONS_PER_REQUEST) {
            throw new Refusal(422, "Invalid request.\n\nOnly 50 annotations are allowed per request.");
        }
        for (JsonNode annotation : annotations) {
            int start = annotation.path("start_line").asInt(0);
            int end = annotation.path("end_line").asInt(0);
            if (annotation.path("path").asText("").isEmpty() || start < 1 || end < start
                    || !ANNOTATION_LEVELS.contains(annotation.path("annotation_level").asText())
                    || annotation.path("message").asText("").isEmpty()
                    || start != end && (annotation.has("start_column") || annotation.has("end_column"))
                    || annotation.path("title").asText("").length() > 255) {
                throw new Refusal(422, "Invalid request.\n\nAn annotation needs a path, start_line <= end_line (from 1), an annotation_level of "
                        + "notice, warning or failure and a message; columns only on one line; a title of at most 255 characters.");
            }
        }
    }

    private void applyCheckRun(CheckRunState run, JsonNode body) {
        synchronized (run) {
            if (body.has("name")) {
                run.name = body.path("name").asText();
            }
            if (body.has("external_id")) {
                run.externalId = body.path("external_id").asText(null);
            }
            if (body.has("conclusion")) {
                run.status = "completed";
                run.conclusion = body.path("conclusion").asText();
                run.completedAt = body.has("completed_at") ? Instant.parse(body.path("completed_at").asText()) : clock.instant();
            } else if (body.has("status")) {
                run.status = body.path("status").asText();
            }
            if (body.has("output")) {
                JsonNode output = body.path("output");
                run.title = output.path("title").asText();
                run.summary = output.path("summary").asText();
                run.text = output.has("text") ? output.path("text").asText() : run.text;
                output.path("annotations").forEach(run.annotations::add);
            }
        }
    }

    private ObjectNode checkRun(SimulatedRepository repo, CheckRunState run) {
        SimulatedApp app = apps.get(run.appId);
        String url = baseUrl + "/repos/" + repo.fullName() + "/check-runs/" + run.id;
        synchronized (run) {
            ObjectNode node = Payloads.JSON.createObjectNode().put("id", run.id).put("node_id", "CR_" + run.id).put("head_sha", run.headSha)
                    .put("external_id", run.externalId).put("url", url)
                    .put("html_url", "https://github.example/" + repo.fullName() + "/runs/" + run.id).putNull("details_url")
                    .put("status", run.status).put("conclusion", run.conclusion).put("started_at", Payloads.time(run.startedAt))
                    .put("completed_at", run.completedAt == null ? null : Payloads.time(run.completedAt)).put("name", run.name);
            node.putObject("output").put("title", run.title).put("summary", run.summary).put("text", run.text)
                    .put("annotations_count", run.annotations.size()).put("annotations_url", url + "/annotations");
            node.putObject("check_suite").put("id", Math.abs((repo.fullName() + run.headSha + run.appId).hashCode()));
            ObjectNode integration = node.putObject("app").put("id", app.appId()).put("slug", app.slug()).put("node_id", "A_" + app.appId())
                    .put("client_id", app.clientId()).put("name", app.slug()).putNull("description")
                    .put("external_url", "https://tokenwarden.example").put("html_url", "https://github.example/apps/" + app.slug())
                    .put("created_at", Payloads.time(run.startedAt)).put("updated_at", Payloads.time(run.startedAt));
            integration.set("owner", payloads.simpleUser(repo.owner(), Math.abs((long) repo.owner().hashCode()), "Organization"));
            integration.putObject("permissions").put("checks", "write").put("metadata", "read");
            integration.putArray("events");
            node.putArray("pull_requests");
            return node;
        }
    }

    /**
     * {@code POST .../code-scanning/sarifs}: needs {@code security_events: write} and code scanning on the repository
     * (403 otherwise, as for an archived one); {@code sarif} gzip'd and base64'd, at most 10 MB gzip'd (413). The file
     * is processed at once; the first status read still says {@code pending}, as GitHub's asynchronous processing does.
     * A 400 or 413 carries no body, as GitHub's description documents none.
     */
    private Reply uploadSarif(Call call) {
        SimulatedRepository repo = writableRepository(call, "security_events");
        if (repo.archived) {
            throw new Refusal(403, "Repository is archived");
        }
        if (!repo.codeScanning) {
            throw new Refusal(403, "Advanced Security must be enabled for this repository to use code scanning.");
        }
        JsonNode body = call.body();
        String commitSha = body.path("commit_sha").asText("");
        String ref = body.path("ref").asText("");
        if (!COMMIT_SHA.matcher(commitSha).matches() || !SARIF_REF.matcher(ref).matches() || !body.path("sarif").isTextual()) {
            throw Refusal.bodiless(400, "commit_sha must be a full commit SHA, ref a refs/heads, refs/tags or refs/pull ref, and sarif a string");
        }
        byte[] gzipped;
        try {
            gzipped = Base64.getDecoder().decode(body.path("sarif").asText());
        } catch (IllegalArgumentException e) {
            throw Refusal.bodiless(400, "Invalid SARIF: the sarif field is not base64");
        }
        if (gzipped.length > MAX_SARIF_GZIP_BYTES) {
            throw Refusal.bodiless(413, "SARIF upload is too large: " + gzipped.length + " bytes gzip'd, the limit is 10 MB");
        }
        byte[] sarif;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            sarif = in.readNBytes(MAX_SARIF_BYTES + 1);
        } catch (IOException e) {
            throw Refusal.bodiless(400, "Invalid SARIF: the sarif field is not gzip'd");
        }
        List<String> errors = new ArrayList<>();
        JsonNode document = null;
        try {
            document = sarif.length > MAX_SARIF_BYTES ? null : Payloads.JSON.readTree(sarif);
            errors.addAll(sarifErrors(document));
        } catch (IOException e) {
            errors.add("could not parse the SARIF file: not JSON");
        }
        String id = UUID.randomUUID().toString();
        synchronized (repo) {
            repo.sarifUploads.put(id, new SimulatedSarifUpload(id, commitSha, ref, body.path("tool_name").asText("API"), document, errors));
        }
        return Reply.of(202, Payloads.JSON.createObjectNode().put("id", id)
                .put("url", baseUrl + "/repos/" + repo.fullName() + "/code-scanning/sarifs/" + id));
    }

    private static List<String> sarifErrors(JsonNode sarif) {
        List<String> errors = new ArrayList<>();
        if (sarif == null || !sarif.isObject()) {
            return List.of("the SARIF file is not a JSON object or is too large once unzipped");
        }
        if (!"2.1.0".equals(sarif.path("version").asText())) {
            errors.add("unsupported SARIF version: only 2.1.0 is processed");
        }
        JsonNode runs = sarif.path("runs");
        if (!runs.isArray() || runs.isEmpty() || runs.size() > MAX_SARIF_RUNS) {
            errors.add("a SARIF file needs 1 to " + MAX_SARIF_RUNS + " runs");
            return errors;
        }
        for (JsonNode run : runs) {
            if (!run.path("tool").path("driver").path("name").isTextual()) {
                errors.add("a run lacks tool.driver.name");
            }
            if (run.path("results").size() > MAX_SARIF_RESULTS_PER_RUN) {
                errors.add("a run has more than " + MAX_SARIF_RESULTS_PER_RUN + " results");
            }
            for (JsonNode result : run.path("results")) {
                if (!result.path("message").path("text").isTextual() || !result.path("locations").isArray()) {
                    errors.add("a result lacks message.text or locations");
                    break;
                }
            }
        }
        return errors;
    }

    /** {@code GET .../code-scanning/sarifs/{sarif_id}}: {@code pending} the first time it is asked, then complete or failed. */
    private Reply getSarif(Call call) {
        SimulatedRepository repo = readableRepository(call, "security_events");
        String id = call.group("id");
        SimulatedSarifUpload upload;
        synchronized (repo) {
            upload = repo.sarifUploads.get(id);
        }
        if (upload == null) {
            throw Refusal.bodiless(404, "Not Found");
        }
        ObjectNode body = Payloads.JSON.createObjectNode();
        if (sarifsAskedAbout.add(id)) {
            return Reply.of(200, body.put("processing_status", "pending").putNull("analyses_url").putNull("errors"));
        }
        body.put("processing_status", upload.complete() ? "complete" : "failed")
                .put("analyses_url", upload.complete() ? baseUrl + "/repos/" + repo.fullName() + "/code-scanning/analyses?sarif_id=" + id : null);
        upload.errors().forEach(body.putArray("errors")::add);
        return Reply.of(200, body);
    }

    private Reply listAdvisories(Call call) {
        String ecosystem = call.query().getOrDefault("ecosystem", "actions");
        String type = call.query().getOrDefault("type", "reviewed");
        List<JsonNode> matching = advisories.stream()
                .filter(a -> "actions".equals(ecosystem) && "reviewed".equals(type))
                .map(this::advisory)
                .toList();
        return paged(call, "/advisories", matching);
    }

    private JsonNode advisory(AdvisoryState advisory) {
        ObjectNode node = Payloads.JSON.createObjectNode()
                .put("ghsa_id", advisory.ghsaId()).put("cve_id", advisory.cveId())
                .put("url", baseUrl + "/advisories/" + advisory.ghsaId())
                .put("html_url", "https://github.example/advisories/" + advisory.ghsaId()).putNull("repository_advisory_url")
                .put("summary", advisory.summary()).put("description", advisory.summary()).put("type", "reviewed")
                .put("severity", advisory.severity()).put("source_code_location", "https://github.example/" + advisory.actionName())
                .put("published_at", Payloads.time(advisory.publishedAt())).put("updated_at", Payloads.time(advisory.publishedAt()))
                .put("github_reviewed_at", Payloads.time(advisory.publishedAt())).putNull("nvd_published_at").putNull("withdrawn_at")
                .putNull("cvss");
        ArrayNode identifiers = node.putArray("identifiers");
        identifiers.addObject().put("type", "GHSA").put("value", advisory.ghsaId());
        if (advisory.cveId() != null) {
            identifiers.addObject().put("type", "CVE").put("value", advisory.cveId());
        }
        node.putArray("references");
        node.putArray("cwes");
        node.putArray("credits");
        ObjectNode vulnerability = node.putArray("vulnerabilities").addObject();
        vulnerability.putObject("package").put("ecosystem", "actions").put("name", advisory.actionName());
        vulnerability.put("vulnerable_version_range", advisory.vulnerableRange()).put("first_patched_version", advisory.firstPatched());
        vulnerability.putArray("vulnerable_functions");
        return node;
    }

    // ---- issues

    private Reply createIssue(Call call) {
        SimulatedRepository repo = writableRepository(call, "issues");
        String title = call.body().path("title").asText("");
        if (title.isBlank()) {
            throw new Refusal(422, "Validation Failed: title is required");
        }
        List<String> labels = new ArrayList<>();
        call.body().path("labels").forEach(l -> labels.add(l.asText()));
        SimulatedIssue issue;
        synchronized (repo) {
            issue = new SimulatedIssue(nextId++, repo.issues.size() + 1L, title, call.body().path("body").asText(null), labels, clock.instant());
            repo.issues.add(issue);
        }
        return Reply.of(201, payloads.issue(repo, issue, call.identity().token().login));
    }

    private Reply listIssues(Call call) {
        SimulatedRepository repo = readableRepository(call, "issues");
        String state = call.query().getOrDefault("state", "open");
        List<String> labels = Optional.ofNullable(call.query().get("labels")).filter(l -> !l.isBlank())
                .map(l -> List.of(l.split(","))).orElse(List.of());
        List<JsonNode> matching = repo.issues.stream()
                .filter(i -> "all".equals(state) || i.state.equals(state))
                .filter(i -> i.labels.containsAll(labels))
                .sorted((a, b) -> Long.compare(b.number, a.number))
                .map(i -> (JsonNode) payloads.issue(repo, i, call.identity().token().login))
                .toList();
        return paged(call, "/repos/" + repo.fullName() + "/issues", matching);
    }

    private Reply updateIssue(Call call) {
        SimulatedRepository repo = writableRepository(call, "issues");
        SimulatedIssue issue = issue(repo, call);
        synchronized (issue) {
            JsonNode body = call.body();
            if (body.has("title")) {
                issue.title = body.path("title").asText();
            }
            if (body.has("body")) {
                issue.body = body.path("body").asText(null);
            }
            if (body.has("state")) {
                String state = body.path("state").asText();
                if (!state.equals("open") && !state.equals("closed")) {
                    throw new Refusal(422, "Validation Failed: state must be open or closed");
                }
                issue.closedAt = state.equals("closed") ? clock.instant() : null;
                issue.state = state;
            }
            if (body.has("labels")) {
                List<String> labels = new ArrayList<>();
                body.path("labels").forEach(l -> labels.add(l.asText()));
                issue.labels = List.copyOf(labels);
            }
            issue.updatedAt = clock.instant();
        }
        return Reply.of(200, payloads.issue(repo, issue, call.identity().token().login));
    }

    private Reply commentOnIssue(Call call) {
        SimulatedRepository repo = writableRepository(call, "issues");
        SimulatedIssue issue = issue(repo, call);
        String text = call.body().path("body").asText("");
        if (text.isBlank()) {
            throw new Refusal(422, "Validation Failed: body is required");
        }
        synchronized (issue) {
            issue.comments.add(text);
            issue.updatedAt = clock.instant();
        }
        return Reply.of(201, payloads.issueComment(repo, issue, nextId++, text, call.identity().token().login, clock.instant()));
    }

    private SimulatedIssue issue(SimulatedRepository repo, Call call) {
        long number = Long.parseLong(call.group("number"));
        return repo.issues.stream().filter(i -> i.number == number).findFirst().orElseThrow(() -> new Refusal(404, "Not Found"));
    }

    // ---- access rules

    SimulatedRepository readableRepository(Call call, String permission) {
        return accessibleRepository(call, permission, "read");
    }

    SimulatedRepository writableRepository(Call call, String permission) {
        return accessibleRepository(call, permission, "write");
    }

    /** Installation tokens see only their repositories (404 otherwise, as GitHub hides them) and need the permission (403). */
    private SimulatedRepository accessibleRepository(Call call, String permission, String level) {
        SimulatedRepository repo = repository(call.group("owner"), call.group("repo"))
                .filter(r -> canSee(call.identity(), r))
                .orElseThrow(() -> new Refusal(404, "Not Found"));
        requirePermission(call.identity(), permission, level);
        return repo;
    }

    boolean canSee(Identity identity, SimulatedRepository repo) {
        TokenState token = identity.token();
        if (token == null || token.kind != TokenKind.INSTALLATION) {
            return true;
        }
        return repo.owner.equalsIgnoreCase(installationAccount(token)) && (token.repositories == null || token.repositories.contains(repo.name));
    }

    private String installationAccount(TokenState installationToken) {
        String rateKey = installationToken.rateKey;
        return installations.get(Long.parseLong(rateKey.substring(rateKey.indexOf('/') + 1))).account();
    }

    /** Only installation tokens carry permissions here; PATs are trusted with what their owner can do. */
    private static void requirePermission(Identity identity, String permission, String level) {
        TokenState token = identity.token();
        if (token != null && token.kind == TokenKind.INSTALLATION
                && level(token.permissions.getOrDefault(permission, "none")) < level(level)) {
            throw new Refusal(403, "Resource not accessible by integration");
        }
    }

    private static int level(String level) {
        return switch (level) {
            case "read" -> 1;
            case "write" -> 2;
            case "admin" -> 3;
            default -> 0;
        };
    }

    /** The files at {@code ref}: the default branch (also when {@code ref} is null), a branch or commit made through the Git Data API. */
    private Map<String, byte[]> filesAt(SimulatedRepository repo, String ref) {
        return git.filesAt(repo, ref).orElseThrow(() -> new Refusal(404, "No commit found for the ref " + ref));
    }

    // ---- pages, rate budgets, token headers

    /** GitHub's page/per_page pagination with a {@code Link} header (first, prev, next, last). */
    Reply paged(Call call, String path, List<JsonNode> items) {
        int perPage = Math.max(1, Math.min(100, parseInt(call.query().get("per_page"), 30)));
        int page = Math.max(1, parseInt(call.query().get("page"), 1));
        int last = Math.max(1, (items.size() + perPage - 1) / perPage);
        ArrayNode body = Payloads.JSON.createArrayNode();
        items.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(body::add);
        List<String> links = new ArrayList<>();
        if (page < last) {
            links.add("<" + pageUrl(path, call.query(), page + 1) + ">; rel=\"next\"");
            links.add("<" + pageUrl(path, call.query(), last) + ">; rel=\"last\"");
        }
        if (page > 1) {
            links.add("<" + pageUrl(path, call.query(), 1) + ">; rel=\"first\"");
            links.add("<" + pageUrl(path, call.query(), page - 1) + ">; rel=\"prev\"");
        }
        return new Reply(200, body, links.isEmpty() ? Map.of() : Map.of("Link", String.join(", ", links)));
    }

    private String pageUrl(String path, Map<String, String> query, int page) {
        Map<String, String> parameters = new LinkedHashMap<>(query);
        parameters.put("page", Integer.toString(page));
        StringBuilder url = new StringBuilder(baseUrl).append(path).append('?');
        parameters.forEach((name, value) -> url.append(encode(name)).append('=').append(encode(value)).append('&'));
        url.setLength(url.length() - 1);
        return url.toString();
    }

    private Budget spend(String rateKey) {
        Instant now = clock.instant();
        Budget budget = budgets.get(rateKey);
        if (budget == null || !now.isBefore(budget.windowStart().plus(RATE_WINDOW))) {
            budget = new Budget(now, 0);
        }
        budget = new Budget(budget.windowStart(), budget.used() + 1);
        budgets.put(rateKey, budget);
        return budget;
    }

    private int limitOf(String rateKey) {
        return limits.getOrDefault(rateKey, rateKey.equals("anonymous") ? 60 : 5000);
    }

    private String rateKeyOf(String secret) {
        if (secret == null) {
            return "anonymous";
        }
        TokenState token = tokens.get(secret);
        if (token != null) {
            return token.rateKey;
        }
        return secret.startsWith("eyJ") ? jwtRateKey(secret) : "anonymous";
    }

    private String jwtRateKey(String jwt) {
        try {
            String issuer = Payloads.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1])).path("iss").asText();
            return apps.values().stream().filter(a -> a.clientId().equals(issuer) || Long.toString(a.appId()).equals(issuer))
                    .findFirst().map(a -> "app:" + a.appId()).orElse("anonymous");
        } catch (IOException | RuntimeException e) {
            return "anonymous";
        }
    }

    private void tokenHeaders(String secret, Map<String, String> headers) {
        TokenState token = secret == null ? null : tokens.get(secret);
        if (token == null || token.kind == TokenKind.INSTALLATION) {
            return;
        }
        if (token.kind == TokenKind.CLASSIC_PAT) {
            headers.put("X-OAuth-Scopes", String.join(", ", token.scopes));
        }
        if (token.expiresAt != null) {
            headers.put("GitHub-Authentication-Token-Expiration", EXPIRATION_HEADER.format(token.expiresAt));
        }
    }

    private static String authScheme(String secret) {
        if (secret == null) {
            return "none";
        }
        return secret.startsWith("eyJ") ? "app-jwt" : "token";
    }

    Optional<SimulatedRepository> repository(String owner, String name) {
        return Optional.ofNullable(repositories.get(key(owner, name)));
    }

    private static String key(String owner, String name) {
        return (owner + "/" + name).toLowerCase(Locale.ROOT);
    }

    private static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        return parts.length == 2 && (parts[0].equalsIgnoreCase("bearer") || parts[0].equalsIgnoreCase("token")) ? parts[1] : null;
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                query.put(name, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static int parseInt(String text, int fallback) {
        try {
            return text == null ? fallback : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Git's blob id: SHA-1 of {@code "blob <size>\0" + content}. */
    static String blobSha(byte[] content) {
        return sha1(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII), content);
    }

    /** A stable id for the tree under {@code prefix}, derived from the blobs below it (not git's real tree hash). */
    private static String treeSha(SimulatedRepository repo, String prefix) {
        return treeSha(repo.files, prefix);
    }

    static String treeSha(Map<String, byte[]> files, String prefix) {
        StringBuilder listing = new StringBuilder("tree ").append(prefix);
        files.forEach((path, content) -> {
            if (path.startsWith(prefix)) {
                listing.append('\n').append(path).append(' ').append(blobSha(content));
            }
        });
        return sha1(listing.toString().getBytes(StandardCharsets.UTF_8), new byte[0]);
    }

    static String sha1(byte[] first, byte[] second) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            digest.update(first);
            digest.update(second);
            return HexFormat.of().formatHex(digest.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }
}
