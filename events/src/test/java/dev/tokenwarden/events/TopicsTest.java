package dev.tokenwarden.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @ParameterizedTest
    @EnumSource(Service.class)
    void deadLetterTopicIsPrefixServiceTopicWithoutPrefixDlq(Service service) {
        for (EventType type : EventType.values()) {
            String topic = type.topic();
            String dlq = Topics.deadLetter(service, topic);

            assertThat(dlq).isEqualTo("tokenwarden." + service.id() + "." + topic.substring("tokenwarden.".length()) + ".dlq");
            assertThat(dlq).matches("tokenwarden\\.[a-z-]+\\.[a-z.-]+\\.dlq");
        }
    }

    @Test
    void deadLetterOfWhatIsNotATokenwardenTopicIsRefused() {
        assertThatThrownBy(() -> Topics.deadLetter(Service.NOTIFIER, "incidents"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("incidents");
    }

    @Test
    void everyTopicConstantCarriesAtLeastOneEventType() {
        assertThat(TopicCatalogue.all())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(EventType.values()).map(EventType::topic).distinct().toList());
    }
}
