package dev.tokenwarden.sandbox.vault;

import static dev.tokenwarden.sandbox.vault.VaultReply.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One KV version 2 mount: versioned data with check-and-set, soft delete, undelete, destroy, metadata
 * with {@code custom_metadata}, listing, and the mount's {@code config} ({@code cas_required}).
 */
final class KvV2Engine {
    private final Clock clock;
    private final TreeMap<String, Secret> secrets = new TreeMap<>();
    private boolean casRequired;
    private long maxVersions;

    KvV2Engine(Clock clock) {
        this.clock = clock;
    }

    private static final class Secret {
        final TreeMap<Integer, Version> versions = new TreeMap<>();
        final Instant created;
        Instant updated;
        int currentVersion;
        int metadataVersion;
        boolean casRequired;
        long maxVersions;
        Map<String, String> customMetadata;

        Secret(Instant created) {
            this.created = created;
            this.updated = created;
        }
    }

    private static final class Version {
        final Instant created;
        JsonNode data;
        Instant deleted;
        boolean destroyed;

        Version(JsonNode data, Instant created) {
            this.data = data;
            this.created = created;
        }
    }

    synchronized boolean exists(String path) {
        return secrets.containsKey(path);
    }

    synchronized VaultReply readConfig() {
        ObjectNode config = JSON.objectNode();
        config.put("cas_required", casRequired);
        config.put("delete_version_after", "0s");
        config.put("max_versions", maxVersions);
        return VaultReply.data(config);
    }

    synchronized VaultReply writeConfig(JsonNode body) {
        if (body.has("cas_required")) {
            casRequired = body.get("cas_required").asBoolean();
        }
        if (body.has("max_versions")) {
            maxVersions = body.get("max_versions").asLong();
        }
        return VaultReply.noContent();
    }

    synchronized VaultReply write(String path, JsonNode body) {
        JsonNode data = body.get("data");
        if (data == null || !data.isObject()) {
            throw VaultError.of(400, "no data provided");
        }
        Secret secret = secrets.get(path);
        int current = secret == null ? 0 : secret.currentVersion;
        JsonNode cas = body.path("options").get("cas");
        boolean required = casRequired || (secret != null && secret.casRequired);
        if (cas == null && required) {
            throw VaultError.of(400, "check-and-set parameter required for this call");
        }
        if (cas != null && cas.asInt() != current) {
            throw VaultError.of(400, "check-and-set parameter did not match the current version");
        }
        Instant now = clock.instant();
        if (secret == null) {
            secret = new Secret(now);
            secrets.put(path, secret);
        }
        secret.currentVersion = current + 1;
        secret.updated = now;
        secret.versions.put(secret.currentVersion, new Version(data.deepCopy(), now));
        return VaultReply.data(versionMetadata(secret, secret.currentVersion));
    }

    synchronized VaultReply read(String path, int requestedVersion) {
        Secret secret = secrets.get(path);
        if (secret == null) {
            throw VaultError.notFound();
        }
        int number = requestedVersion > 0 ? requestedVersion : secret.currentVersion;
        Version version = secret.versions.get(number);
        if (version == null) {
            throw VaultError.notFound();
        }
        ObjectNode payload = JSON.objectNode();
        boolean gone = version.destroyed || version.deleted != null;
        payload.set("data", gone ? JSON.nullNode() : version.data.deepCopy());
        payload.set("metadata", versionMetadata(secret, number));
        VaultReply reply = VaultReply.data(payload);
        if (gone) {
            throw VaultError.notFoundWith(reply);
        }
        return reply;
    }

    /** {@code DELETE data/<path>}: a soft delete of the latest version. */
    synchronized VaultReply deleteLatest(String path) {
        Secret secret = secrets.get(path);
        if (secret != null) {
            markDeleted(secret, secret.currentVersion);
        }
        return VaultReply.noContent();
    }

    synchronized VaultReply changeVersions(String operation, String path, JsonNode body) {
        JsonNode versions = body.get("versions");
        if (versions == null || !versions.isArray() || versions.isEmpty()) {
            throw VaultError.of(400, "no version number provided");
        }
        Secret secret = secrets.get(path);
        if (secret == null) {
            return VaultReply.noContent();
        }
        for (JsonNode number : versions) {
            Version version = secret.versions.get(number.asInt());
            if (version == null) {
                continue;
            }
            switch (operation) {
                case "delete" -> markDeleted(secret, number.asInt());
                case "undelete" -> {
                    if (!version.destroyed) {
                        version.deleted = null;
                    }
                }
                case "destroy" -> {
                    version.destroyed = true;
                    version.data = null;
                }
                default -> throw new IllegalArgumentException(operation);
            }
        }
        return VaultReply.noContent();
    }

    private void markDeleted(Secret secret, int number) {
        Version version = secret.versions.get(number);
        if (version != null && version.deleted == null && !version.destroyed) {
            version.deleted = clock.instant();
        }
    }

    synchronized VaultReply readMetadata(String path) {
        Secret secret = secrets.get(path);
        if (secret == null) {
            throw VaultError.notFound();
        }
        ObjectNode metadata = JSON.objectNode();
        metadata.put("cas_required", secret.casRequired);
        metadata.put("created_time", secret.created.toString());
        metadata.put("current_metadata_version", secret.metadataVersion);
        metadata.put("current_version", secret.currentVersion);
        metadata.set("custom_metadata", customMetadata(secret));
        metadata.put("delete_version_after", "0s");
        metadata.put("max_versions", secret.maxVersions);
        metadata.put("oldest_version", 0);
        metadata.put("updated_time", secret.updated.toString());
        ObjectNode versions = metadata.putObject("versions");
        secret.versions.forEach((number, version) -> {
            ObjectNode entry = versions.putObject(String.valueOf(number));
            entry.put("created_time", version.created.toString());
            entry.put("deletion_time", version.deleted == null ? "" : version.deleted.toString());
            entry.put("destroyed", version.destroyed);
        });
        return VaultReply.data(metadata);
    }

    synchronized VaultReply writeMetadata(String path, JsonNode body) {
        Instant now = clock.instant();
        Secret secret = secrets.computeIfAbsent(path, p -> new Secret(now));
        if (body.has("cas_required")) {
            secret.casRequired = body.get("cas_required").asBoolean();
        }
        if (body.has("max_versions")) {
            secret.maxVersions = body.get("max_versions").asLong();
        }
        JsonNode custom = body.get("custom_metadata");
        if (custom != null && custom.isObject()) {
            Map<String, String> values = new LinkedHashMap<>();
            custom.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asText()));
            secret.customMetadata = values;
        }
        secret.metadataVersion++;
        secret.updated = now;
        return VaultReply.noContent();
    }

    synchronized VaultReply deleteMetadata(String path) {
        secrets.remove(path);
        return VaultReply.noContent();
    }

    /** The immediate children of {@code prefix}: secret names, and folder names ending in {@code /}. */
    synchronized VaultReply list(String prefix) {
        String folder = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        TreeSet<String> keys = new TreeSet<>();
        for (String path : secrets.tailMap(folder, true).keySet()) {
            if (!path.startsWith(folder)) {
                break;
            }
            String rest = path.substring(folder.length());
            int slash = rest.indexOf('/');
            keys.add(slash < 0 ? rest : rest.substring(0, slash + 1));
        }
        if (keys.isEmpty()) {
            throw VaultError.notFound();
        }
        ObjectNode data = JSON.objectNode();
        keys.forEach(data.putArray("keys")::add);
        return VaultReply.data(data);
    }

    private static ObjectNode versionMetadata(Secret secret, int number) {
        Version version = secret.versions.get(number);
        ObjectNode metadata = JSON.objectNode();
        metadata.put("created_time", version.created.toString());
        metadata.set("custom_metadata", customMetadata(secret));
        metadata.put("deletion_time", version.deleted == null ? "" : version.deleted.toString());
        metadata.put("destroyed", version.destroyed);
        metadata.put("version", number);
        return metadata;
    }

    private static JsonNode customMetadata(Secret secret) {
        if (secret.customMetadata == null) {
            return JSON.nullNode();
        }
        ObjectNode custom = JSON.objectNode();
        secret.customMetadata.forEach(custom::put);
        return custom;
    }
}
