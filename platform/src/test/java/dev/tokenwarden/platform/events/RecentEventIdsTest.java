package dev.tokenwarden.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecentEventIdsTest {

    @Test
    void anIdIsNewOnceAndThenContained() {
        RecentEventIds ids = new RecentEventIds(3);
        assertThat(ids.contains("a")).isFalse();
        assertThat(ids.remember("a")).isTrue();
        assertThat(ids.remember("a")).isFalse();
        assertThat(ids.contains("a")).isTrue();
    }

    @Test
    void theOldestIdLeavesTheWindowFirst() {
        RecentEventIds ids = new RecentEventIds(2);
        ids.remember("a");
        ids.remember("b");
        ids.remember("c");
        assertThat(ids.contains("a")).isFalse();
        assertThat(ids.contains("b")).isTrue();
        assertThat(ids.contains("c")).isTrue();
    }

    @Test
    void aWindowNeedsRoom() {
        assertThatThrownBy(() -> new RecentEventIds(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
