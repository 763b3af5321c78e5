package dev.tokenwarden.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenwarden.localstack.InternalCredentials;
import dev.tokenwarden.localstack.LocalApiKey;
import dev.tokenwarden.localstack.SimulatedOrganisation;
import dev.tokenwarden.localstack.Topics;
import dev.tokenwarden.localstack.VaultAsRoot;
import dev.tokenwarden.localstack.VaultBootstrap;
import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.http.FaultProxy;
import dev.tokenwarden.sandbox.kafka.KafkaBroker;
import dev.tokenwarden.sandbox.process.LoopbackPorts;
import dev.tokenwarden.sandbox.process.ServiceProcess;
import dev.tokenwarden.sandbox.vault.SharedVaults;
import dev.tokenwarden.sandbox.vault.VaultEndpoint;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;

/**
 * The whole system as a user runs it, for one test class: a real Kafka broker process, a real OpenBao
 * ({@code bao server -dev}) behind a {@link FaultProxy}, the GitHub simulator in this JVM, a webhook receiver on
 * loopback, and the four services as separate JVMs from their packaged jars, each one's output in its own file.
 * Set up the way the local stack does it (same bootstrap, organisation, internal credentials and API keys), with
 * shorter timings so rotations, overlaps and sweeps happen within a test. The pipeline load bench (bench/pipeline)
 * starts the same stack through e2e's test jar, with the production timings instead.
 */
public final class E2eStack implements AutoCloseable {
    /** The repository root: the nearest directory up from here holding {@code mvnw} (e2e's tests run in e2e/, the benches at the root). */
    public static final Path PROJECT = projectRoot();
    /** The four services, in the order the stack starts them. */
    public static final List<String> SERVICES = List.of("rotation-scheduler", "token-broker", "workflow-auditor", "notifier");
    public static final String MOUNT = "tokenwarden";
    /** Each service's own configuration section. */
    private static final Map<String, String> SECTIONS = Map.of("rotation-scheduler", "tokenwarden.scheduler.", "token-broker",
            "tokenwarden.broker.", "workflow-auditor", "tokenwarden.auditor.", "notifier", "tokenwarden.notifier.");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong NEXT_INSTALLATION = new AtomicLong(7_770_000L);

    final Path dir;
    public final KafkaBroker kafka;
    final VaultEndpoint vault;
    final FaultProxy vaultProxy;
    public final GitHubSimulator github;
    final WebhookSink sink;
    final LeakGuard leaks;
    final String apiKey;
    final String webhookSecret;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private E2eStack(Path dir, KafkaBroker kafka, VaultEndpoint vault, FaultProxy vaultProxy, GitHubSimulator github,
            LeakGuard leaks, String apiKey, String webhookSecret) throws IOException {
        this.dir = dir;
        this.kafka = kafka;
        this.vault = vault;
        this.vaultProxy = vaultProxy;
        this.github = github;
        this.sink = WebhookSink.start(output("webhook-receiver"));
        running.push(sink);
        this.leaks = leaks;
        this.apiKey = apiKey;
        this.webhookSecret = webhookSecret;
    }

    /** Starts everything for the test class {@code name}; {@code settings} overrides service settings (system properties). */
    static E2eStack start(String name, Map<String, String> settings) throws Exception {
        return start(name, settings, realVault());
    }

    /** As {@link #start(String, Map)}, with {@code vault} (a bench may fall back to the in-memory server, saying so). */
    public static E2eStack start(String name, Map<String, String> settings, VaultEndpoint vault) throws Exception {
        return start(name, settings, vault, 1, ServiceProcess.DEFAULT_JVM_OPTIONS);
    }

    /**
     * As {@link #start(String, Map, VaultEndpoint)}, with a pool of {@code apps} GitHub Apps (ids from {@link SimulatedOrganisation#APP_ID}
     * on) and the services' JVM flags in place of {@link ServiceProcess#DEFAULT_JVM_OPTIONS}.
     */
    public static E2eStack start(String name, Map<String, String> settings, VaultEndpoint vault, int apps, List<String> jvmOptions)
            throws Exception {
        Path dir = Path.of("target", "e2e", name).toAbsolutePath();
        deleteRecursively(dir);
        Files.createDirectories(dir);
        LeakGuard leaks = new LeakGuard();
        KafkaBroker kafka = KafkaBroker.onFreePorts(dir.resolve("kafka"), line -> { });
        FaultProxy proxy = FaultProxy.start(vault.address());
        GitHubSimulator github = GitHubSimulator.start(Clock.systemUTC());
        E2eStack stack = new E2eStack(dir, kafka, vault, proxy, github, leaks, LocalApiKey.generate(), "e2e-" + LocalApiKey.generate());
        stack.running.push(proxy);
        stack.running.push(github);
        stack.running.push(kafka);
        try {
            stack.boot(settings, apps, jvmOptions);
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /** A new run starts clean: the last run's Kafka data belongs to another cluster, its output files to other secrets. */
    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static VaultEndpoint realVault() {
        Optional<VaultEndpoint> bao = SharedVaults.openBao();
        if (bao.isEmpty() && SharedVaults.underCi()) {
            throw new IllegalStateException(SharedVaults.BAO_MISSING);
        }
        Assumptions.assumeTrue(bao.isPresent(), SharedVaults.BAO_MISSING);
        return bao.get();
    }

    private void boot(Map<String, String> settings, int apps, List<String> jvmOptions) throws Exception {
        kafka.start();
        Topics.createAll(kafka.bootstrapServers());
        VaultBootstrap.apply(PROJECT, vault, output("vault-init"));
        Map<String, String> environment = new LinkedHashMap<>(SimulatedOrganisation.install(github, vault, apps));
        for (long appId = SimulatedOrganisation.APP_ID; appId < SimulatedOrganisation.APP_ID + apps; appId++) {
            recordAppKey(appId);
        }
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("VAULT_ADDR", vaultProxy.address());
        environment.put("TOKENWARDEN_VAULT_AUTH_TOKEN", vault.rootToken());
        environment.put("TOKENWARDEN_GITHUB_BASE_URL", github.baseUrl());
        environment.put("TOKENWARDEN_API_KEYS_ENABLED", "true");
        environment.put("GITHUB_WEBHOOK_SECRET", webhookSecret);
        environment.put("TOKENWARDEN_INVENTORY_FILE",
                InternalCredentials.writeInventory(PROJECT.resolve("config/inventory.example.yaml"), dir).toString());
        environment.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");

        Map<String, String> properties = new LinkedHashMap<>(LocalApiKey.settings(apiKey));
        properties.putAll(timings());
        properties.putAll(notifierReceiver());
        properties.putAll(settings);
        leaks.record("REST API key", apiKey);
        leaks.record("GitHub webhook secret", webhookSecret);

        for (String service : SERVICES) {
            ServiceProcess process = new ServiceProcess(service, PROJECT.resolve(service).resolve("target/quarkus-app"), LoopbackPorts.free(),
                    InternalCredentials.environmentOf(service, environment, vault), settingsOf(service, properties), output(service), jvmOptions);
            services.put(service, process);
            running.push(process);
            process.start();
        }
        for (ServiceProcess process : services.values()) {
            process.awaitReady();
        }
    }

    /**
     * The settings {@code service} maps: its own section and the shared ones; a service refuses a section it does not map.
     * {@code <service>:<key>} gives a shared setting to that service alone (the scheduler maps no {@code tokenwarden.github}).
     */
    private static Map<String, String> settingsOf(String service, Map<String, String> all) {
        Map<String, String> own = new LinkedHashMap<>();
        all.forEach((key, value) -> {
            int colon = key.indexOf(':');
            if (colon > 0) {
                if (key.substring(0, colon).equals(service)) {
                    own.put(key.substring(colon + 1), value);
                }
                return;
            }
            String section = SECTIONS.entrySet().stream().filter(s -> key.startsWith(s.getValue())).map(Map.Entry::getKey)
                    .findFirst().orElse(service);
            if (section.equals(service)) {
                own.put(key, value);
            }
        });
        return own;
    }

    /** An app's private key as the stack stored it in Vault: each line of its PEM body is a secret for the leak check. */
    private void recordAppKey(long appId) throws IOException, InterruptedException {
        String path = "/v1/" + MOUNT + "/data/github/" + SimulatedOrganisation.keyPath(appId);
        HttpResponse<String> read = VaultAsRoot.HTTP.send(VaultAsRoot.request(vault, path).GET().build(), HttpResponse.BodyHandlers.ofString());
        String pem = JSON.readTree(read.body()).path("data").path("data").path("token").asText();
        pem.lines().filter(line -> !line.startsWith("-----") && line.length() >= 40).forEach(line -> leaks.record("app private key", line));
    }

    /** Minutes and hours in production; seconds here, so the overlap, the sweep and the re-emission happen within a test. */
    private static Map<String, String> timings() {
        return Map.of(
                "tokenwarden.broker.overlap", "4s",
                "tokenwarden.broker.sweep-interval", "1s",
                "tokenwarden.scheduler.pass-every", "PT1S",
                "tokenwarden.scheduler.inventory-file.poll-every", "PT1S",
                "tokenwarden.scheduler.installation-confirm-within", "PT20S",
                "tokenwarden.notifier.retry.initial-backoff", "200ms",
                "tokenwarden.notifier.retry.max-backoff", "2s");
    }

    /**
     * Incidents labelled {@code WAITING_GROUP_LABEL=WAITING_GROUP} form one group that waits 15 s before it sends (every
     * other incident is sent at once): long enough to kill the notifier while the group is still waiting.
     */
    static final String WAITING_GROUP_LABEL = "e2e_group";
    static final String WAITING_GROUP = "waiting";

    private Map<String, String> notifierReceiver() throws IOException {
        Path routing = dir.resolve("routing.yaml");
        Files.writeString(routing, """
                route:
                  receivers: [sink]
                  group_by: [incidentKey]
                  group_wait: 0s
                  group_interval: 2s
                  repeat_interval: 4h
                  routes:
                    - matchers: ['%s="%s"']
                      group_by: [%s]
                      group_wait: 15s
                """.formatted(WAITING_GROUP_LABEL, WAITING_GROUP, WAITING_GROUP_LABEL));
        byte[] key = new byte[24];
        new java.security.SecureRandom().nextBytes(key);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        leaks.record("notifier webhook signing secret", secret);
        return Map.of(
                "tokenwarden.notifier.routing-file", routing.toString(),
                "tokenwarden.notifier.receivers.sink.type", "webhook",
                "tokenwarden.notifier.receivers.sink.url", sink.url(),
                "tokenwarden.notifier.receivers.sink.secret", secret,
                "tokenwarden.notifier.outbound.allow", "127.0.0.1/32");
    }

    /** A line printer into {@code <name>.log} in this stack's directory: every process's output is kept for the leak check. */
    private Consumer<String> output(String name) {
        Path file = dir.resolve(name + ".log");
        try {
            BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            running.push(out);
            return line -> {
                synchronized (out) {
                    try {
                        out.write(line);
                        out.newLine();
                        out.flush();
                    } catch (IOException ignored) {
                        // The stack is stopping.
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ServiceProcess service(String name) {
        return services.get(name);
    }

    /** Kills {@code name} with {@code kill -9} and starts it again, waiting until it is ready. */
    void restart(String name) throws InterruptedException {
        ServiceProcess process = services.get(name);
        process.kill();
        process.start();
        process.awaitReady();
    }

    // ---- credentials

    static long newInstallationId() {
        return NEXT_INSTALLATION.incrementAndGet();
    }

    /** One app-installation credential of tier read, on an installation of its own so faults can be aimed at it. */
    public record Credential(String id, long installationId, String repository) {
        String vaultPath() {
            return "github/read/e2e/" + id;
        }

        /** The end of the simulator path of this credential's mints, where faults and crash points are aimed. */
        String mintPath() {
            return "/installations/" + installationId + "/access_tokens";
        }
    }

    /** Adds an installation and an inventory entry for it over the scheduler's REST API; the scheduler makes it due at once. */
    Credential addCredential(String id, String repository) throws IOException, InterruptedException {
        return addCredential(id, repository, NEXT_INSTALLATION.incrementAndGet());
    }

    /** As {@link #addCredential(String, String)}, minted from {@code installation} (installed on {@code repository} only). */
    public Credential addCredential(String id, String repository, long installation) throws IOException, InterruptedException {
        addCredential(id, repository, Map.of(SimulatedOrganisation.APP_ID, installation));
        return new Credential(id, installation, repository);
    }

    /** An inventory entry whose app pool is {@code installationByApp}: each app installed on {@code repository} only. */
    public void addCredential(String id, String repository, Map<Long, Long> installationByApp) throws IOException, InterruptedException {
        String name = repository.substring(repository.indexOf('/') + 1);
        List<Map<String, Long>> pool = new ArrayList<>();
        for (Map.Entry<Long, Long> app : installationByApp.entrySet()) {
            github.addInstallation(app.getKey(), app.getValue(), SimulatedOrganisation.ORG, List.of(name), SimulatedOrganisation.INSTALLATION_PERMISSIONS);
            pool.add(Map.of("appId", app.getKey(), "installationId", app.getValue()));
        }
        String entry = JSON.writeValueAsString(Map.of(
                "id", id, "kind", "app-installation", "tier", "read", "org", SimulatedOrganisation.ORG, "consumer", "e2e",
                "repositories", List.of(repository), "owner", "e2e@acme.example", "appPool", pool));
        HttpResponse<String> created = call("rotation-scheduler", "POST", "/inventory", entry);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("inventory entry " + id + " refused: " + created.statusCode() + " " + created.body());
        }
    }

    /** Asks the scheduler for a rotation ({@code scope} credential, repository, ...) and returns its answer's body. */
    public String requestRotation(String scope, String value, String reason) throws IOException, InterruptedException {
        HttpResponse<String> accepted = call("rotation-scheduler", "POST", "/rotations",
                JSON.writeValueAsString(Map.of("scope", scope, "value", value, "reason", reason)));
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("rotation request refused: " + accepted.statusCode() + " " + accepted.body());
        }
        return accepted.body();
    }

    /**
     * For a load run, which checks no leaks: REST answers are no longer kept for the leak guard (an hour of metrics
     * polls kept whole filled the bench's heap).
     */
    public void keepNoAnswersForTheLeakCheck() {
        leaks.stopRecordingResponses();
    }

    /** A REST call to one service with the admin key; its answer is checked by the leak guard. */
    public HttpResponse<String> call(String service, String method, String path, String jsonBody) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + services.get(service).httpPort() + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-Api-Key", apiKey)
                .header("Content-Type", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        leaks.recordResponse(service + " " + method + " " + path, response.body() + response.headers().map());
        return response;
    }

    // ---- Vault, read directly with the root token (not through the proxy)

    /** One Vault version of a credential: its number, token and rotation id. */
    record VaultVersion(long version, String token, String rotationId) {
    }

    /** The current version, or empty when the path has none yet. */
    Optional<VaultVersion> currentVersion(Credential credential) throws IOException, InterruptedException {
        return readVersion(credential, null);
    }

    /** Every version the path holds, oldest first. */
    List<VaultVersion> versions(Credential credential) throws IOException, InterruptedException {
        Optional<VaultVersion> current = currentVersion(credential);
        if (current.isEmpty()) {
            return List.of();
        }
        ArrayList<VaultVersion> all = new ArrayList<>();
        for (long version = 1; version <= current.get().version(); version++) {
            readVersion(credential, version).ifPresent(all::add);
        }
        return all;
    }

    private Optional<VaultVersion> readVersion(Credential credential, Long version) throws IOException, InterruptedException {
        String path = "/v1/" + MOUNT + "/data/" + credential.vaultPath() + (version == null ? "" : "?version=" + version);
        HttpResponse<String> read = VaultAsRoot.HTTP.send(VaultAsRoot.request(vault, path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (read.statusCode() == 404) {
            return Optional.empty();
        }
        if (read.statusCode() != 200) {
            throw new IllegalStateException("Vault read of " + credential.vaultPath() + ": HTTP " + read.statusCode());
        }
        JsonNode data = JSON.readTree(read.body()).path("data");
        if (data.path("data").isNull() || data.path("data").isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(new VaultVersion(data.path("metadata").path("version").asLong(),
                data.path("data").path("token").asText(), data.path("data").path("rotation_id").asText()));
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run from inside the tokenwarden repository: no mvnw above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    @Override
    public void close() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception ignored) {
                // Stop the rest.
            }
        }
    }
}
