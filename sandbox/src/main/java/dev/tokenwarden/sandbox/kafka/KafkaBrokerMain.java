package dev.tokenwarden.sandbox.kafka;

import dev.tokenwarden.sandbox.process.ParentWatch;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point of the broker's own JVM: formats the KRaft storage if needed, then runs Kafka. It exits
 * when its standard input closes, which happens when the parent process dies, even by {@code kill -9},
 * so a broker never outlives the test run or local stack that started it.
 *
 * <p>Arguments: {@code <server.properties> <cluster-id>}.
 */
public final class KafkaBrokerMain {
    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: KafkaBrokerMain <server.properties> <cluster-id>");
            System.exit(2);
        }
        ParentWatch.haltWhenClosed(System.in);
        Path properties = Path.of(args[0]);
        if (!Files.isRegularFile(properties)) {
            System.err.println("no such file: " + properties);
            System.exit(2);
        }
        kafka.tools.StorageTool.execute(
                new String[] {"format", "--ignore-formatted", "--standalone", "-t", args[1], "-c", properties.toString()},
                System.out);
        kafka.Kafka.main(new String[] {properties.toString()});
    }
}
