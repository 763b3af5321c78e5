package dev.tokenwarden.localstack;

import dev.tokenwarden.sandbox.kafka.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        LocalStackOptions options;
        try {
            options = LocalStackOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("local-stack: " + e.getMessage());
            System.err.println(LocalStackOptions.USAGE);
            System.exit(2);
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

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");

        for (int i = 0; i < LocalStackOptions.SERVICES.size(); i++) {
            String name = LocalStackOptions.SERVICES.get(i);
            ServiceProcess service = new ServiceProcess(name, options.projectRoot().resolve(name).resolve("target/quarkus-app"),
                    options.httpPort(i), environment, console.printerFor(name));
            running.push(service);
            services.add(service);
            service.start();
        }
        for (ServiceProcess service : services) {
            service.awaitReady();
        }
        console.info("");
        console.info("tokenwarden is running. Ctrl-C stops everything.");
        console.info("  Kafka                " + kafka.bootstrapServers());
        for (ServiceProcess service : services) {
            console.info(String.format("  %-20s http://127.0.0.1:%d  (health /q/health, metrics /q/metrics, API /q/openapi)",
                    service.name(), service.httpPort()));
        }
    }

    List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    @Override
    public synchronized void close() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                console.info("local-stack: while stopping: " + e.getMessage());
            }
        }
    }
}
