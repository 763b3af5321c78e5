package dev.tokenwarden.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.tokenwarden.events.Service;

/**
 * One service's configuration as the prod profile sees it: the platform's shared defaults, overridden by the
 * service's application.properties, with {@code %prod.} keys replacing their unprofiled form. Read from the
 * sources on disk, so the deployment checks follow whatever the service engineers configure.
 */
record ServiceConfig(Service service, Map<String, String> values) {
    /** {@code ${NAME}} or {@code ${NAME:default}} where NAME is an environment variable (upper case). */
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");
    private static final String PROD = "%prod.";
    private static final Pattern LOCAL_ONLY = Pattern.compile("localhost|127\\.0\\.0\\.1|\\bmailpit\\b|\\.local\\b");

    static ServiceConfig of(Service service) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Path file : new Path[] {
                RepositoryFiles.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"),
                RepositoryFiles.resolve(service.id() + "/src/main/resources/application.properties")}) {
            if (Files.exists(file)) {
                Properties properties = RepositoryFiles.properties(file);
                properties.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(k -> values.put(k, properties.getProperty(k)));
                properties.stringPropertyNames().stream().filter(k -> k.startsWith(PROD))
                        .forEach(k -> values.put(k.substring(PROD.length()), properties.getProperty(k)));
            }
        }
        return new ServiceConfig(service, values);
    }

    Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Environment variables the prod profile reads with no default: a deployment must set every one. */
    Set<String> requiredEnvironment() {
        Set<String> names = new TreeSet<>();
        values.values().forEach(value -> ENV_REFERENCE.matcher(value).results()
                .filter(m -> m.group(2) == null)
                .forEach(m -> names.add(m.group(1))));
        return names;
    }

    /**
     * Environment variables whose default only makes sense on a developer's machine or in compose (a loopback
     * address, the compose Mailpit host, a {@code .local} name): a cluster must set them.
     */
    Set<String> environmentWithLocalOnlyDefault() {
        Set<String> names = new TreeSet<>();
        values.values().forEach(value -> ENV_REFERENCE.matcher(value).results()
                .filter(m -> m.group(2) != null && LOCAL_ONLY.matcher(m.group(2)).find())
                .forEach(m -> names.add(m.group(1))));
        return names;
    }

    int httpPort() {
        return Integer.parseInt(value("quarkus.http.port").orElse("8080"));
    }

    /** Incoming Kafka channels by name. */
    Map<String, IncomingChannel> incomingChannels() {
        String prefix = "mp.messaging.incoming.";
        Map<String, IncomingChannel> channels = new LinkedHashMap<>();
        values.keySet().stream().filter(k -> k.startsWith(prefix) && k.endsWith(".connector")).forEach(key -> {
            String name = key.substring(prefix.length(), key.length() - ".connector".length());
            String channel = prefix + name + ".";
            channels.put(name, new IncomingChannel(name,
                    value(channel + "topic").orElse(name),
                    value(channel + "group.id").or(() -> value("kafka.group.id")).or(() -> value("quarkus.application.name")).orElseThrow(),
                    value(channel + "dead-letter-queue.topic")));
        });
        return channels;
    }

    record IncomingChannel(String name, String topic, String groupId, Optional<String> deadLetterTopic) {
    }
}
