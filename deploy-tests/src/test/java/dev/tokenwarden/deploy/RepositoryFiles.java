package dev.tokenwarden.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The repository these tests check, and the strict YAML reading they share. */
final class RepositoryFiles {
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    private RepositoryFiles() {
    }

    static Path root() {
        String root = System.getProperty("tokenwarden.repository.root");
        if (root == null) {
            throw new IllegalStateException("system property tokenwarden.repository.root is not set (the module's pom sets it)");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    static Path resolve(String relative) {
        return root().resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** YAML 1.2 with duplicate keys refused, as Kubernetes and compose themselves refuse them. */
    static List<Map<String, Object>> yamlDocuments(Path file) {
        Load load = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).setLabel(file.toString()).build());
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : load.loadAllFromString(read(file))) {
            if (document != null) {
                documents.add(Yaml.map(document, file.toString()));
            }
        }
        return documents;
    }

    static Map<String, Object> yamlDocument(Path file) {
        List<Map<String, Object>> documents = yamlDocuments(file);
        if (documents.size() != 1) {
            throw new IllegalStateException(file + " holds " + documents.size() + " YAML documents, expected one");
        }
        return documents.get(0);
    }

    static Properties properties(Path file) {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** The root pom's module list. */
    static List<String> modules() {
        return MODULE.matcher(read(resolve("pom.xml"))).results().map(m -> m.group(1).trim()).toList();
    }

    /** Non-comment, non-blank lines of a whitespace-separated table such as deploy/kafka/topics.conf. */
    static List<String[]> table(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.map(line -> line.replaceFirst("#.*", "").strip())
                    .filter(line -> !line.isEmpty())
                    .map(line -> line.split("\\s+"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
