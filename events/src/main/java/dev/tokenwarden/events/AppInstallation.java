package dev.tokenwarden.events;

/** One GitHub App installation an inventory entry may mint from. */
public record AppInstallation(Long appId, Long installationId) {
    public AppInstallation {
        Wire.required(appId, "appId");
        Wire.required(installationId, "installationId");
    }

    /** The key of this installation on {@code github.ratelimit}. */
    public String key() {
        return appId + "/" + installationId;
    }
}
