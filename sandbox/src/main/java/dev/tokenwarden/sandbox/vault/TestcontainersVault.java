package dev.tokenwarden.sandbox.vault;

import java.util.UUID;
import org.testcontainers.vault.VaultContainer;

/** HashiCorp Vault's own image in dev mode, for machines with Docker. */
public final class TestcontainersVault {
    private static final String IMAGE = "hashicorp/vault:1.20";
    private static VaultEndpoint endpoint;

    private TestcontainersVault() {
    }

    /** Starts the container once per JVM; it stops with the JVM. */
    public static synchronized VaultEndpoint endpoint() {
        if (endpoint == null) {
            String rootToken = "root-" + UUID.randomUUID();
            VaultContainer<?> container = new VaultContainer<>(IMAGE).withVaultToken(rootToken);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "vault-container-stop"));
            endpoint = new VaultEndpoint("Vault container " + IMAGE, container.getHttpHostAddress(), rootToken);
        }
        return endpoint;
    }
}
