package dev.tokenwarden.platform.github;

import java.util.List;

/** Where GitHub code scanning is with an uploaded SARIF file: {@code pending}, {@code complete} or {@code failed}, and why. */
public record SarifProcessing(String status, List<String> errors) {
    public SarifProcessing {
        errors = List.copyOf(errors);
    }

    public boolean finished() {
        return !"pending".equals(status);
    }
}
