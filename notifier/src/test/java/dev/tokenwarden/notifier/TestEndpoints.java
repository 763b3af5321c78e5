package dev.tokenwarden.notifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Chooses, once per JVM, free ports for the HTTP sink and the SMTP server and a webhook signing secret, and
 * offers them as configuration before Quarkus starts, so receivers can point at servers the tests start later.
 */
public class TestEndpoints implements ConfigSource {
    private static final Map<String, String> VALUES = Map.of(
            "test.sink.port", chosen("test.sink.port", () -> Integer.toString(freePort())),
            "test.smtp.port", chosen("test.smtp.port", () -> Integer.toString(freePort())),
            "test.webhook.secret", chosen("test.webhook.secret", TestEndpoints::secret));

    /** Kept in system properties, because Quarkus loads this class in more than one class loader. */
    private static synchronized String chosen(String name, Supplier<String> choice) {
        String value = System.getProperty(name);
        if (value == null) {
            value = choice.get();
            System.setProperty(name, value);
        }
        return value;
    }

    private static String secret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        return VALUES;
    }

    @Override
    public Set<String> getPropertyNames() {
        return VALUES.keySet();
    }

    @Override
    public String getValue(String name) {
        return VALUES.get(name);
    }

    @Override
    public String getName() {
        return "notifier-test-endpoints";
    }
}
