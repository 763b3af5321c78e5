package dev.tokenwarden.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The secret-leak guard at the process boundary, independent of any filter inside the services: every credential
 * value the simulator issued or a test handed over is looked for in every process's output file, in every record of
 * every topic (keys, values, headers) and in every HTTP answer a service gave the tests (the notifier's deliveries
 * are in the webhook receiver's output file). A finding names the secret's kind and where it was, never the value.
 */
final class LeakGuard {
    /** Secret value → what it is. */
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final List<String[]> responses = new CopyOnWriteArrayList<>();
    private volatile boolean recordingResponses = true;

    void record(String kind, String value) {
        if (value != null && value.length() >= 8) {
            secrets.put(value, kind);
        }
    }

    /** An HTTP answer no secret may appear in: {@code where} names the call. */
    void recordResponse(String where, String body) {
        if (recordingResponses) {
            responses.add(new String[] {where, body});
        }
    }

    /** From now on answers are not kept: a load run polls metrics for an hour and checks no leaks. */
    void stopRecordingResponses() {
        recordingResponses = false;
    }

    /** Where any known secret appears; empty when none does. */
    List<String> findings(E2eStack stack) throws Exception {
        stack.github.issuedCredentials().forEach(token -> record("GitHub token minted or registered by the simulator", token));
        List<String> findings = new ArrayList<>();
        try (Stream<Path> files = Files.walk(stack.dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                scan(Files.readString(file, StandardCharsets.ISO_8859_1), "output file " + stack.dir.relativize(file), findings);
            }
        } catch (IOException e) {
            findings.add("cannot read the processes' output: " + e.getMessage());
        }
        for (TopicRecords.Record record : TopicRecords.read(stack.kafka.bootstrapServers(), TopicRecords.allTopics(stack.kafka.bootstrapServers()))) {
            scan(record.key() + "\n" + record.value() + "\n" + record.headers(), "a record on " + record.topic(), findings);
        }
        for (String[] response : responses) {
            scan(response[1], "the answer to " + response[0], findings);
        }
        return findings;
    }

    int secretsKnown() {
        return secrets.size();
    }

    private void scan(String text, String where, List<String> findings) {
        if (text == null) {
            return;
        }
        secrets.forEach((value, kind) -> {
            if (text.contains(value)) {
                findings.add(kind + " (" + value.length() + " characters) in " + where);
            }
        });
    }
}
