package dev.tokenwarden.platform.github;

import java.util.List;
import java.util.Objects;

/** A new issue. */
public record IssueDraft(String title, String body, List<String> labels) {
    public IssueDraft {
        Objects.requireNonNull(title, "title");
        labels = labels == null ? List.of() : List.copyOf(labels);
    }
}
