package dev.tokenwarden.sandbox.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A check run as it stands: {@code annotations} as they were sent ({@code path}, {@code start_line},
 * {@code annotation_level}, {@code message}, ...), every request's appended.
 */
public record SimulatedCheckRun(long id, String name, String headSha, String status, String conclusion, String title, String summary,
                                List<JsonNode> annotations) {
}
