package dev.tokenwarden.platform.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.jboss.logmanager.handlers.FileHandler;
import org.jboss.logmanager.handlers.OutputStreamHandler;
import org.junit.jupiter.api.Test;

/**
 * At the process boundary: tokens of every shape are logged as a message, as a parameter and inside an
 * exception chain, and the JSON log file the process wrote holds none of them. The filter acts on the record
 * before any formatter, so the plain console format gets the same records; every writing handler is checked to run it.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class LogRedactionTest {
    private static final Logger LOG = Logger.getLogger(LogRedactionTest.class);
    private static final Path LOG_FILE = Path.of("target/logs/platform-test.json.log");

    @Test
    void noLogFileHoldsALoggedCredential() throws IOException {
        String marker = "redaction-probe-" + UUID.randomUUID();
        List<String> tokens = TestTokens.all();
        for (String token : tokens) {
            LOG.info(marker + " message " + token);
            LOG.infof("%s parameter %s", marker, token);
            LOG.infov("{0} message-format parameter {1}", marker, token);
            LOG.error(marker + " exception", new IllegalStateException("failed with " + token,
                    new IllegalArgumentException("caused by " + token)));
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(count(read(LOG_FILE), marker)).as("lines of this test").isEqualTo(4 * tokens.size()));
        String written = read(LOG_FILE);
        assertThat(written).contains(Redactor.MASK).contains("caused by");
        tokens.forEach(token -> assertThat(written).doesNotContain(token));
    }

    @Test
    void everyHandlerThatWritesRunsTheRedactionFilter() {
        List<OutputStreamHandler> writers = leaves(LogManager.getLogManager().getLogger("").getHandlers()).stream()
                .filter(OutputStreamHandler.class::isInstance)
                .map(OutputStreamHandler.class::cast)
                .toList();

        assertThat(writers).hasAtLeastOneElementOfType(ConsoleHandler.class).hasAtLeastOneElementOfType(FileHandler.class);
        String token = TestTokens.all().getFirst();
        assertThat(writers).allSatisfy(handler -> {
            ExtLogRecord record = new ExtLogRecord(Level.INFO, "handing out " + token, LogRedactionTest.class.getName());
            record.setLoggerName(LogRedactionTest.class.getName());

            assertThat(handler.isLoggable(record)).as(handler.getClass().getName()).isTrue();
            assertThat(record.getFormattedMessage()).as(handler.getClass().getName()).doesNotContain(token);
        });
    }

    /** Quarkus wraps the configured handlers (delayed start, async); the ones that write are the leaves. */
    private static List<Handler> leaves(Handler[] handlers) {
        return Arrays.stream(handlers)
                .flatMap(handler -> handler instanceof ExtHandler parent && parent.getHandlers().length > 0
                        ? leaves(parent.getHandlers()).stream()
                        : Stream.of(handler))
                .toList();
    }

    private static int count(String text, String marker) {
        return text.split(marker, -1).length - 1;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
