package dev.tokenwarden.events;

import java.time.Instant;

/** A credential value was seen where it must not be; only its SHA-256 travels. */
public record CredentialExposed(
        String valueHash,
        ExposureSource source,
        String repository,
        String alertUrl,
        String secretType,
        Instant detectedAt) {

    public CredentialExposed {
        Wire.sha256Hex(valueHash, "valueHash");
        Wire.required(source, "source");
        Wire.required(detectedAt, "detectedAt");
    }
}
