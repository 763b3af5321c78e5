package dev.tokenwarden.localstack;

import dev.tokenwarden.sandbox.vault.VaultEndpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Applies {@code deploy/vault/bootstrap.sh}, the same idempotent bootstrap compose and Kubernetes run. */
public final class VaultBootstrap {
    private VaultBootstrap() {
    }

    /** Runs the bootstrap of the checkout at {@code projectRoot} against {@code vault}, its output line by line to {@code printer}. */
    public static void apply(Path projectRoot, VaultEndpoint vault, Consumer<String> printer) throws IOException, InterruptedException {
        Path script = projectRoot.resolve("deploy/vault/bootstrap.sh");
        ProcessBuilder builder = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true);
        builder.environment().put("VAULT_ADDR", vault.address());
        builder.environment().put("VAULT_TOKEN", vault.rootToken());
        // No Kubernetes cluster and no GitHub Actions here: the services log in with AppRole only.
        builder.environment().put("TOKENWARDEN_AUTH_METHODS", "approle");
        Process bootstrap = builder.start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(bootstrap.getInputStream(), StandardCharsets.UTF_8))) {
            lines.lines().forEach(printer);
        }
        if (bootstrap.waitFor() != 0) {
            throw new IllegalStateException("the Vault bootstrap failed (exit " + bootstrap.exitValue() + "); see the vault-init lines above");
        }
    }
}
