package dev.tokenwarden.bench;

import dev.tokenwarden.broker.domain.CredentialMinter;
import dev.tokenwarden.broker.domain.CredentialVerifier;
import dev.tokenwarden.broker.domain.MintedCredential;
import dev.tokenwarden.broker.domain.Revoker;
import dev.tokenwarden.broker.domain.Secret;
import dev.tokenwarden.broker.domain.SecretData;
import dev.tokenwarden.broker.domain.SecretLabels;
import dev.tokenwarden.broker.domain.SecretStore;
import dev.tokenwarden.broker.domain.StoredSecret;
import dev.tokenwarden.events.AppInstallation;
import dev.tokenwarden.events.CredentialKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The broker's ports with a stopwatch: the time each thread spends inside Vault and GitHub calls, so the
 * broker's own share of a rotation is the rotation's time minus this.
 */
final class TimedPorts implements SecretStore, CredentialMinter, CredentialVerifier, Revoker {
    private static final ThreadLocal<long[]> OUTSIDE = ThreadLocal.withInitial(() -> new long[1]);

    private final SecretStore store;
    private final CredentialMinter minter;
    private final CredentialVerifier verifier;
    private final Revoker revoker;

    TimedPorts(SecretStore store, CredentialMinter minter, CredentialVerifier verifier, Revoker revoker) {
        this.store = store;
        this.minter = minter;
        this.verifier = verifier;
        this.revoker = revoker;
    }

    /** Nanoseconds this thread spent in ports since the last call, and starts counting again. */
    static long takeOutsideNanos() {
        long[] outside = OUTSIDE.get();
        long spent = outside[0];
        outside[0] = 0;
        return spent;
    }

    private static <T> T timed(Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            OUTSIDE.get()[0] += System.nanoTime() - start;
        }
    }

    @Override
    public Optional<StoredSecret> current(String path) {
        return timed(() -> store.current(path));
    }

    @Override
    public Optional<StoredSecret> version(String path, long version) {
        return timed(() -> store.version(path, version));
    }

    @Override
    public long write(String path, SecretData data, long expectedVersion) {
        return timed(() -> store.write(path, data, expectedVersion));
    }

    @Override
    public void describe(String path, SecretLabels labels) {
        timed(() -> {
            store.describe(path, labels);
            return null;
        });
    }

    @Override
    public MintedCredential mint(AppInstallation installation, Map<String, String> permissions, List<String> repositories) {
        return timed(() -> minter.mint(installation, permissions, repositories));
    }

    @Override
    public Verification verify(CredentialKind kind, Secret value, AppInstallation mintedFrom) {
        return timed(() -> verifier.verify(kind, value, mintedFrom));
    }

    @Override
    public Outcome revoke(CredentialKind kind, Secret value, Set<String> organisations, AppInstallation mintedFrom) {
        return timed(() -> revoker.revoke(kind, value, organisations, mintedFrom));
    }
}
