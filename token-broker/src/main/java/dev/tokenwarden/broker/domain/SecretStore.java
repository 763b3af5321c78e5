package dev.tokenwarden.broker.domain;

import java.util.Optional;

/**
 * Where credential values live (Vault KV v2). Implementations check every status code, retry 5xx and a
 * sealed server a bounded number of times, and throw {@link BrokerFailure} naming the path, never the value.
 */
public interface SecretStore {
    /** The newest readable version at {@code path}, or empty when nothing was ever written there. */
    Optional<StoredSecret> current(String path);

    /** One version, or empty when it does not exist or was deleted or destroyed. */
    Optional<StoredSecret> version(String path, long version);

    /**
     * Writes a new version with check-and-set on {@code expectedVersion} (0: the path must be empty).
     *
     * @return the version written
     * @throws CasConflict when another writer got there first
     */
    long write(String path, SecretData data, long expectedVersion);

    /**
     * Sets the path's custom metadata from {@code labels}: the labels given replace their earlier values, an
     * absent one (null) keeps its earlier value, and keys others set stay.
     */
    void describe(String path, SecretLabels labels);

    /** Check-and-set refused the write: the current version is not the one expected. */
    final class CasConflict extends BrokerFailure {
        public CasConflict(String path, long expectedVersion) {
            super("check-and-set conflict at " + path + ": version " + expectedVersion + " is no longer current", true);
        }
    }
}
