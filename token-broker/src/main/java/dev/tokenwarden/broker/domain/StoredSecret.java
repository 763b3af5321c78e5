package dev.tokenwarden.broker.domain;

/** One version of a credential's Vault secret. */
public record StoredSecret(long version, SecretData data) {
}
