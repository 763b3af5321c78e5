package dev.tokenwarden.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Command-line options of the local stack, with the defaults a newcomer needs. */
record LocalStackOptions(Path projectRoot, Path stateDir, int kafkaPort, int httpPortBase, Path auditTarget,
        boolean incidentsOnly) {

    static final String USAGE = """
            usage: local-stack [--project DIR] [--state DIR] [--kafka-port PORT] [--http-port-base PORT] [--audit PATH]
                   local-stack --incidents [--kafka-port PORT]
              --project DIR      the tokenwarden checkout whose packaged services to run (default: .)
              --state DIR        where Kafka and Vault keep their data (default: PROJECT/.local-stack)
              --kafka-port PORT  the broker's port (default: 19092)
              --http-port-base PORT  the first of five consecutive HTTP ports for the services (default: 8081)
              --audit PATH       the repository the auditor scans at start (default: the project itself)
              --incidents        print the incidents the running local stack has raised, then exit""";

    /** {@code --help}: print the usage and stop, successfully. */
    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super("help", null, false, false);
        }
    }

    /** The services in start order; each is the Maven module of the same name. */
    static final List<String> SERVICES = List.of("rotation-scheduler", "token-broker", "workflow-auditor", "notifier", "console");

    /** The HTTP port of the service at {@code index} in {@link #SERVICES}. */
    int httpPort(int index) {
        return httpPortBase + index;
    }

    static LocalStackOptions parse(String[] args) {
        Path project = Path.of(".").toAbsolutePath().normalize();
        Path state = null;
        int kafkaPort = 19092;
        int httpPortBase = 8081;
        Path audit = null;
        boolean incidentsOnly = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new HelpRequested();
            }
            if (option.equals("--incidents")) {
                incidentsOnly = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--project" -> project = Path.of(value).toAbsolutePath().normalize();
                case "--state" -> state = Path.of(value).toAbsolutePath().normalize();
                case "--kafka-port" -> kafkaPort = port(option, value);
                case "--http-port-base" -> httpPortBase = port(option, value);
                case "--audit" -> audit = Path.of(value).toAbsolutePath().normalize();
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (!Files.isRegularFile(project.resolve("pom.xml")) || !Files.isDirectory(project.resolve("local-stack"))) {
            throw new IllegalArgumentException(project + " is not a tokenwarden checkout (no pom.xml and local-stack/)");
        }
        return new LocalStackOptions(project, state == null ? project.resolve(".local-stack") : state, kafkaPort,
                httpPortBase, audit == null ? project : audit, incidentsOnly);
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(option + " must be 1 to 65535, not " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, not " + value);
        }
    }
}
