package dev.tokenwarden.localstack;

import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.kafka.KafkaBroker;
import dev.tokenwarden.sandbox.process.ServiceProcess;
import dev.tokenwarden.sandbox.vault.SharedVaults;
import dev.tokenwarden.sandbox.vault.VaultEndpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the whole system on one machine without Docker: a real Kafka broker process, Vault, GitHub (real
 * or the simulator) and the four services as separate JVMs from their packaged jars. Ctrl-C stops all of
 * it; every child also watches this process, so none outlives it.
 */
public final class LocalStack implements AutoCloseable {
    private final LocalStackOptions options;
    private final Console console;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final List<ServiceProcess> services = new ArrayList<>();

    LocalStack(LocalStackOptions options, Console console) {
        this.options = options;
        this.console = console;
    }

    public static void main(String[] args) throws Exception {
        // The Kafka clients log through SLF4J. Its JBoss binding on this class path works only under the JBoss log
        // manager, which this plain JVM does not run, and SLF4J would say so in six warnings before falling back
        // to discarding: name that fallback, so it is chosen quietly. The processes' own output is what counts.
        System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "WARN");
        LocalStackOptions options;
        try {
            options = LocalStackOptions.parse(args);
        } catch (LocalStackOptions.HelpRequested e) {
            System.out.println(LocalStackOptions.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("local-stack: " + e.getMessage());
            System.err.println(LocalStackOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.incidentsOnly()) {
            try {
                Incidents.print("127.0.0.1:" + options.kafkaPort(), System.out);
            } catch (IllegalStateException e) {
                System.err.println("local-stack: " + e.getMessage());
                System.exit(1);
            }
            return;
        }
        Console console = new Console(System.out, System.console() != null && System.getenv("NO_COLOR") == null);
        LocalStack stack = new LocalStack(options, console);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-stop"));
        try {
            stack.start();
        } catch (Exception e) {
            console.info("local-stack: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    void start() throws Exception {
        Path state = options.stateDir();
        Files.createDirectories(state);

        Console.LinePrinter kafkaLog = console.printerFor("kafka");
        KafkaBroker kafka = KafkaBroker.onPort(state.resolve("kafka"), options.kafkaPort(), kafkaLog::println);
        running.push(kafka);
        kafka.start();
        Topics.createAll(kafka.bootstrapServers());

        VaultEndpoint vault = startVault();
        VaultBootstrap.apply(options.projectRoot(), vault, console.printerFor("vault-init")::println);
        Map<String, String> gitHubEnvironment = new LinkedHashMap<>();
        String github = startGitHub(vault, gitHubEnvironment);

        Map<String, String> environment = servicesEnvironment(options.projectRoot(), state, kafka, vault, github, gitHubEnvironment);
        String apiKey = LocalApiKey.generate();
        Map<String, String> apiKeySettings = LocalApiKey.settings(apiKey);

        for (int i = 0; i < LocalStackOptions.SERVICES.size(); i++) {
            String name = LocalStackOptions.SERVICES.get(i);
            ServiceProcess service = new ServiceProcess(name, options.projectRoot().resolve(name).resolve("target/quarkus-app"),
                    options.httpPort(i), InternalCredentials.environmentOf(name, environment, vault), apiKeySettings, console.printerFor(name)::println);
            // Opt-in: the run that records the cache ends with each JVM assembling it, which makes that stop take up
            // to a minute (the first-run test and CI stop the stack within one).
            if ("1".equals(System.getenv("TOKENWARDEN_AOT_CACHE"))) {
                service.withAotCache();
            }
            running.push(service);
            services.add(service);
            // One at a time: four JVMs starting together on a small machine starve each other's event loops for
            // seconds (Vert.x then warns of blocked threads) and, on two cores, gain little by it.
            service.start();
            service.awaitReady();
        }
        auditRepository();
        Path exampleWorkflow = state.resolve("unsafe-workflow.yml");
        try (var example = LocalStack.class.getResourceAsStream("/unsafe-workflow.yml")) {
            Files.copy(example, exampleWorkflow, StandardCopyOption.REPLACE_EXISTING);
        }
        printWelcome(kafka, vault, github, apiKey, exampleWorkflow);
    }

    /**
     * What every service is started with (each then gets its own Vault login from {@link InternalCredentials}): the
     * addresses of Kafka, Vault and GitHub, API keys on, the example inventory with the internal credentials.
     */
    public static Map<String, String> servicesEnvironment(Path projectRoot, Path state, KafkaBroker kafka, VaultEndpoint vault,
            String github, Map<String, String> gitHubEnvironment) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("VAULT_ADDR", vault.address());
        environment.put("TOKENWARDEN_VAULT_AUTH_TOKEN", vault.rootToken());
        environment.put("TOKENWARDEN_GITHUB_BASE_URL", github);
        environment.putAll(gitHubEnvironment);
        environment.put("TOKENWARDEN_API_KEYS_ENABLED", "true");
        environment.put("TOKENWARDEN_INVENTORY_FILE",
                InternalCredentials.writeInventory(projectRoot.resolve("config/inventory.example.yaml"), state).toString());
        environment.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        return environment;
    }

    /** What runs where, the key, and three things to try, each a command to paste into another terminal. */
    private void printWelcome(KafkaBroker kafka, VaultEndpoint vault, String github, String apiKey, Path exampleWorkflow) {
        console.info("");
        console.info("tokenwarden is running. Ctrl-C stops everything.");
        console.info("  API key (admin role) X-Api-Key: " + apiKey + "   (this run only)");
        console.info("  Kafka                " + kafka.bootstrapServers());
        console.info("  Vault                " + vault.address() + "  (" + vault.kind() + ")");
        console.info("  GitHub API           " + github);
        for (ServiceProcess service : services) {
            console.info(String.format("  %-20s http://127.0.0.1:%d  (health /q/health, metrics /q/metrics, API /q/openapi)",
                    service.name(), service.httpPort()));
        }
        String key = "-H 'X-Api-Key: " + apiKey + "'";
        console.info("");
        console.info("Try (in another terminal):");
        console.info("  1. rotate a credential now (the broker mints it, stores it in Vault, verifies it, revokes the old one):");
        console.info("     curl -fsS -X POST http://127.0.0.1:" + options.httpPort(0) + "/rotations " + key
                + " -H 'Content-Type: application/json' -d '{\"scope\":\"credential\",\"value\":\"ci-api-read\"}'");
        console.info("  2. audit a workflow of the repository acme/api (an unsafe example; its critical and high findings raise incidents):");
        console.info("     curl -fsS -X POST 'http://127.0.0.1:" + options.httpPort(2) + "/scans?repository=acme/api&path=.github/workflows/triage.yml' " + key
                + " -H 'Content-Type: text/yaml' --data-binary @" + exampleWorkflow);
        console.info("  3. see the incidents raised so far (the audit's findings, failed rotations):");
        console.info("     " + options.projectRoot().resolve("local-stack/run") + " --incidents --kafka-port " + options.kafkaPort());
    }

    /**
     * The Vault at {@code VAULT_ADDR} when set, else a real dev server ({@code bao} or {@code vault} on the
     * PATH), else the in-memory Vault-API dev server, which holds nothing past this run.
     */
    private VaultEndpoint startVault() {
        Optional<VaultEndpoint> real = SharedVaults.fromEnvironment()
                .or(SharedVaults::openBao)
                .or(SharedVaults::vaultBinary);
        if (real.isPresent()) {
            return real.get();
        }
        console.banner("Vault: no VAULT_ADDR and no bao/vault binary; using the IN-MEMORY Vault-API dev server. DEV ONLY");
        return SharedVaults.inMemoryEndpoint();
    }

    /** Audits the chosen repository with the CLI, so a newcomer sees findings before opening any API. */
    private void auditRepository() throws IOException, InterruptedException {
        Path jar;
        try (var jars = Files.newDirectoryStream(options.projectRoot().resolve("workflow-auditor-engine/target"), "*-cli.jar")) {
            var found = jars.iterator();
            if (!found.hasNext()) {
                console.info("local-stack: the audit CLI is not built; skipping the start-up audit of " + options.auditTarget());
                return;
            }
            jar = found.next();
        }
        Process audit = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "scan", "--format", "text", "--fail-on", "critical", options.auditTarget().toString())
                .redirectErrorStream(true).start();
        Console.LinePrinter printer = console.printerFor("audit");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(audit.getInputStream(), StandardCharsets.UTF_8))) {
            lines.lines().forEach(printer::println);
        }
        audit.waitFor();
    }

    /**
     * Real GitHub (or GitHub Enterprise Server) when {@code GITHUB_API_URL} is set, with the app settings in the
     * environment; else the simulator in this process, holding the example inventory's organisation.
     */
    private String startGitHub(VaultEndpoint vault, Map<String, String> environment) throws IOException, InterruptedException {
        String real = System.getenv("GITHUB_API_URL");
        if (real != null && !real.isBlank()) {
            return real;
        }
        GitHubSimulator simulator = GitHubSimulator.start(Clock.systemUTC());
        running.push(simulator);
        environment.putAll(SimulatedOrganisation.install(simulator, vault));
        console.banner("GitHub: using the GitHub API SIMULATOR at " + simulator.baseUrl() + "; no real GitHub is called");
        return simulator.baseUrl();
    }

    List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    @Override
    public synchronized void close() {
        // Every service is asked to stop at once, so stopping takes as long as the slowest, not the sum; each
        // close below then waits for its process. Kafka, Vault and GitHub stop after the services that use them.
        services.forEach(ServiceProcess::requestStop);
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                console.info("local-stack: while stopping: " + e.getMessage());
            }
        }
    }
}
