package dev.tokenwarden.broker.domain;

import dev.tokenwarden.events.AppInstallation;
import java.util.List;
import java.util.Map;

/** Mints GitHub App installation tokens. */
public interface CredentialMinter {
    /**
     * Mints a token of {@code installation} narrowed to {@code permissions} (GitHub permission name to
     * level) and to {@code repositories} (all the installation's repositories when empty).
     */
    MintedCredential mint(AppInstallation installation, Map<String, String> permissions, List<String> repositories);
}
