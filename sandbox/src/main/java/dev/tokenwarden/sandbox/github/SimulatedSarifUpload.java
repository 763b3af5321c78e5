package dev.tokenwarden.sandbox.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A SARIF upload as code scanning processed it: {@code sarif} the decoded document (null when it could not be read),
 * {@code errors} why processing failed (empty when it completed).
 */
public record SimulatedSarifUpload(String id, String commitSha, String ref, String toolName, JsonNode sarif, List<String> errors) {
    public SimulatedSarifUpload {
        errors = List.copyOf(errors);
    }

    public boolean complete() {
        return errors.isEmpty();
    }

    /** The results of the document's runs. */
    public int results() {
        int results = 0;
        if (sarif != null) {
            for (JsonNode run : sarif.path("runs")) {
                results += run.path("results").size();
            }
        }
        return results;
    }
}
