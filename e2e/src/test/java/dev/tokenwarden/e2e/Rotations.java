package dev.tokenwarden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenwarden.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What a rotation row waits for and checks, read from Vault, the topics and the simulator, never from a service's own view. */
final class Rotations {
    static final Duration LONG = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final E2eStack stack;
    private final List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.ScheduledExecutorService watcher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

    Rotations(E2eStack stack) {
        this.stack = stack;
    }

    /**
     * From now until {@link #assertSettled}, checks every 100 ms that the value Vault holds as current is valid at GitHub:
     * what a consumer reads must work at every moment of a fault, not only at the moments a row looks.
     */
    void watch(E2eStack.Credential credential) {
        watcher.scheduleWithFixedDelay(() -> {
            try {
                stack.currentVersion(credential).filter(current -> !stack.github.isValid(current.token()))
                        .ifPresent(current -> violations.add("Vault's current version " + current.version() + " of " + credential.id()
                                + " was not valid at GitHub at " + java.time.Instant.now()));
            } catch (Exception e) {
                violations.add("could not check " + credential.id() + ": " + e);
            }
        }, 0, 100, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The last {@code credential.state} record of the credential, as JSON, if any. */
    Optional<JsonNode> state(E2eStack.Credential credential) throws Exception {
        List<TopicRecords.Record> records = TopicRecords.read(stack.kafka.bootstrapServers(), Topics.CREDENTIAL_STATE).stream()
                .filter(r -> credential.id().equals(r.key()) && r.value() != null).toList();
        return records.isEmpty() ? Optional.empty() : Optional.of(JSON.readTree(records.getLast().value()));
    }

    /**
     * Waits until the broker reported the credential healthy for the rotation whose value Vault holds as current,
     * with a Vault version newer than {@code after} (0 for any), and returns that version.
     */
    E2eStack.VaultVersion awaitRotated(E2eStack.Credential credential, long after) throws Exception {
        E2eStack.VaultVersion[] done = new E2eStack.VaultVersion[1];
        Await.until(credential.id() + " rotated past Vault version " + after + " and reported healthy", LONG, () -> {
            Optional<E2eStack.VaultVersion> current = stack.currentVersion(credential);
            Optional<JsonNode> state = state(credential);
            if (current.isEmpty() || current.get().version() <= after || state.isEmpty()) {
                return false;
            }
            JsonNode last = state.get();
            done[0] = current.get();
            return "healthy".equals(last.path("status").asText()) && current.get().rotationId().equals(last.path("lastRotationId").asText());
        });
        return done[0];
    }

    /** Waits until the broker published {@code token.rotation-failed} for the credential. */
    void awaitFailurePublished(E2eStack.Credential credential) throws Exception {
        Await.until("the broker published a failed rotation of " + credential.id(), LONG, () ->
                records(Topics.TOKEN_LIFECYCLE, credential).stream().anyMatch(r -> r.header("ce_type").contains("rotation-failed")));
    }

    /** Credentials of one repository minted from one installation, each rotated once, with its Vault version then. */
    record Batch(List<E2eStack.Credential> credentials, Map<String, Long> versions) {
    }

    Batch rotatedBatch(String idPrefix, String repository) throws Exception {
        long installation = E2eStack.newInstallationId();
        List<E2eStack.Credential> credentials = new java.util.ArrayList<>();
        for (String suffix : List.of("a", "b", "c")) {
            credentials.add(stack.addCredential(idPrefix + suffix, repository, installation));
        }
        Map<String, Long> versions = new java.util.HashMap<>();
        for (E2eStack.Credential credential : credentials) {
            versions.put(credential.id(), awaitRotated(credential, 0).version());
        }
        return new Batch(List.copyOf(credentials), Map.copyOf(versions));
    }

    /** The value Vault holds as current is one GitHub accepts: a consumer reading it now could work. */
    void assertCurrentValueWorks(E2eStack.Credential credential) throws Exception {
        E2eStack.VaultVersion current = stack.currentVersion(credential).orElseThrow();
        assertThat(stack.github.isValid(current.token()))
                .as("Vault's current value of %s (version %d) is valid at GitHub", credential.id(), current.version()).isTrue();
    }

    /** No rotation wrote twice: each Vault version carries a different rotation id. */
    void assertOneVersionPerRotation(E2eStack.Credential credential) throws Exception {
        Map<String, Long> versionsByRotation = stack.versions(credential).stream()
                .collect(Collectors.groupingBy(E2eStack.VaultVersion::rotationId, Collectors.counting()));
        assertThat(versionsByRotation).as("Vault versions of %s by rotation id", credential.id())
                .allSatisfy((rotation, count) -> assertThat(count).as("versions for rotation %s", rotation).isEqualTo(1L));
    }

    /**
     * Nothing lost, nothing left: waits until every value minted for the credential's installation other than Vault's
     * current one is revoked, while the current one stays valid. A value minted but never stored must be revoked too.
     */
    void awaitOnlyCurrentValueLive(E2eStack.Credential credential) throws Exception {
        awaitOnlyCurrentValuesLive(List.of(credential));
    }

    /** As {@link #awaitOnlyCurrentValueLive}, for every credential minted from one installation at once. */
    void awaitOnlyCurrentValuesLive(List<E2eStack.Credential> sharingAnInstallation) throws Exception {
        long installation = sharingAnInstallation.getFirst().installationId();
        Await.until("every value minted from installation " + installation + " but Vault's current ones revoked", LONG, () -> {
            Set<String> current = new java.util.HashSet<>();
            for (E2eStack.Credential credential : sharingAnInstallation) {
                current.add(stack.currentVersion(credential).orElseThrow().token());
            }
            Set<String> minted = stack.github.installationTokens(installation);
            return minted.containsAll(current) && minted.stream().filter(t -> !current.contains(t)).allMatch(stack.github::isRevoked);
        });
        for (E2eStack.Credential credential : sharingAnInstallation) {
            assertCurrentValueWorks(credential);
        }
    }

    /** The invariants every rotation row ends with, the watch's included. */
    void assertSettled(E2eStack.Credential credential) throws Exception {
        assertOneVersionPerRotation(credential);
        awaitOnlyCurrentValueLive(credential);
        watcher.shutdownNow();
        assertThat(violations).as("the current value stayed valid throughout").isEmpty();
    }

    /** Records on {@code topic} keyed by the credential, each as JSON with its headers. */
    List<TopicRecords.Record> records(String topic, E2eStack.Credential credential) {
        return TopicRecords.read(stack.kafka.bootstrapServers(), topic).stream().filter(r -> credential.id().equals(r.key())).toList();
    }

    static Function<TopicRecords.Record, JsonNode> body() {
        return record -> {
            try {
                return JSON.readTree(record.value());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
