package dev.tokenwarden.sandbox.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One answer of the in-memory server: a status and a JSON body, or no body for 204. */
record VaultReply(int status, JsonNode body) {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static VaultReply noContent() {
        return new VaultReply(204, null);
    }

    /** Vault's envelope: {@code data}, plus the lease fields clients expect. */
    static VaultReply data(JsonNode data) {
        ObjectNode body = JSON.objectNode();
        body.put("request_id", java.util.UUID.randomUUID().toString());
        body.put("lease_id", "");
        body.put("renewable", false);
        body.put("lease_duration", 0);
        body.set("data", data);
        body.putNull("wrap_info");
        body.putNull("warnings");
        body.putNull("auth");
        return new VaultReply(200, body);
    }

    static VaultReply auth(JsonNode auth) {
        VaultReply reply = data(JSON.nullNode());
        ((ObjectNode) reply.body()).set("auth", auth);
        return reply;
    }

    static VaultReply errors(int status, List<String> messages) {
        ObjectNode body = JSON.objectNode();
        messages.forEach(body.putArray("errors")::add);
        return new VaultReply(status, body);
    }
}
