package dev.tokenwarden.platform.github;

import java.util.List;

/** An issue as the notifier tracks it. */
public record Issue(long number, String title, String state, List<String> labels, String htmlUrl) {
    public Issue {
        labels = List.copyOf(labels);
    }
}
