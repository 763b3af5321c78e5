package dev.tokenwarden.broker.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake of the {@link SecretStore} port (versioned, check-and-set, with switches for faults), of {@link PendingUploads}
 * and of {@link RefreshGrants}, as Vault holds all three.
 */
final class InMemorySecretStore implements SecretStore, PendingUploads, RefreshGrants {
    private final Map<String, List<RefreshGrant>> grants = new ConcurrentHashMap<>();
    private final Map<Long, Secret> clientSecrets = new ConcurrentHashMap<>();
    private final Map<String, List<SecretData>> versions = new ConcurrentHashMap<>();
    private final Map<String, SecretLabels> labels = new ConcurrentHashMap<>();
    private final Map<String, RotationOrder> pendingUploads = new ConcurrentHashMap<>();
    int writeFailuresLeft;
    boolean crashAfterNextWrite;

    /** Simulates the process dying: not a {@link BrokerFailure}, so nothing in the broker handles it. */
    static final class Crash extends Error {
        Crash() {
            super("process killed");
        }
    }

    @Override
    public Optional<StoredSecret> current(String path) {
        List<SecretData> list = versions.get(path);
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(new StoredSecret(list.size(), list.getLast()));
    }

    @Override
    public Optional<StoredSecret> version(String path, long version) {
        List<SecretData> list = versions.getOrDefault(path, List.of());
        return version < 1 || version > list.size() ? Optional.empty()
                : Optional.of(new StoredSecret(version, list.get((int) version - 1)));
    }

    @Override
    public synchronized long write(String path, SecretData data, long expectedVersion) {
        if (writeFailuresLeft > 0) {
            writeFailuresLeft--;
            throw new BrokerFailure("Vault answered 503 (sealed) writing " + path, true);
        }
        List<SecretData> list = versions.computeIfAbsent(path, p -> new ArrayList<>());
        if (list.size() != expectedVersion) {
            throw new CasConflict(path, expectedVersion);
        }
        list.add(data);
        if (crashAfterNextWrite) {
            crashAfterNextWrite = false;
            throw new Crash();
        }
        return list.size();
    }

    @Override
    public Optional<Versioned> grant(String credentialId) {
        List<RefreshGrant> list = grants.getOrDefault(credentialId, List.of());
        return list.isEmpty() ? Optional.empty() : Optional.of(new Versioned(list.size(), list.getLast()));
    }

    @Override
    public synchronized long write(String credentialId, RefreshGrant grant, long expectedVersion) {
        List<RefreshGrant> list = grants.computeIfAbsent(credentialId, id -> new ArrayList<>());
        if (list.size() != expectedVersion) {
            throw new CasConflict(CredentialTarget.refreshGrantPath(credentialId), expectedVersion);
        }
        list.add(grant);
        return list.size();
    }

    @Override
    public Optional<Secret> clientSecret(long appId) {
        return Optional.ofNullable(clientSecrets.get(appId));
    }

    @Override
    public void describe(String path, SecretLabels labels) {
        this.labels.put(path, labels);
    }

    @Override
    public void save(RotationOrder order) {
        pendingUploads.put(order.target().credentialId(), order);
    }

    @Override
    public void remove(RotationOrder order) {
        pendingUploads.remove(order.target().credentialId(), order);
    }

    @Override
    public List<RotationOrder> all() {
        return List.copyOf(pendingUploads.values());
    }

    Optional<SecretLabels> labels(String path) {
        return Optional.ofNullable(labels.get(path));
    }

    int versionCount(String path) {
        return versions.getOrDefault(path, List.of()).size();
    }
}
