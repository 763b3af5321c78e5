package dev.tokenwarden.auditor.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryLogTest {
    @Test
    void aReplayIsRecognisedUntilTheIdIsEvictedOrForgotten() {
        DeliveryLog log = new DeliveryLog(2);
        assertThat(log.firstTime("a")).isTrue();
        assertThat(log.firstTime("a")).isFalse();
        assertThat(log.firstTime("b")).isTrue();
        assertThat(log.firstTime("c")).isTrue();
        assertThat(log.firstTime("a")).as("evicted: only the last 2 are kept").isTrue();
        log.forget("c");
        assertThat(log.firstTime("c")).isTrue();
    }

    @Test
    void aDeliveryWhoseScanWasPublishedBeforeIsAReplayOnAnyInstance() {
        DeliveryLog restarted = new DeliveryLog(10);
        restarted.published(DeliveryLog.scanId("handled-before-the-restart"));
        assertThat(restarted.handled("handled-before-the-restart")).isTrue();
        assertThat(restarted.firstTime("handled-before-the-restart")).isFalse();
        assertThat(restarted.handled("new")).isFalse();
        assertThat(restarted.firstTime("new")).isTrue();
        assertThat(DeliveryLog.scanId("new")).isEqualTo(DeliveryLog.scanId("new")).isNotEqualTo(DeliveryLog.scanId("other"));
    }
}
