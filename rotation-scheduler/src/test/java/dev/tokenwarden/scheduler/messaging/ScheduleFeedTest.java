package dev.tokenwarden.scheduler.messaging;

import static dev.tokenwarden.scheduler.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.RotationReason;
import dev.tokenwarden.events.RotationRequested;
import dev.tokenwarden.events.RotationScope;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.platform.events.CloudEventReader;
import dev.tokenwarden.platform.events.InboundEvent;
import dev.tokenwarden.platform.events.RejectReason;
import dev.tokenwarden.platform.events.RejectedEventException;
import dev.tokenwarden.scheduler.CloudEvents;
import dev.tokenwarden.scheduler.domain.Fixtures;
import dev.tokenwarden.scheduler.domain.Schedule;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class ScheduleFeedTest {
    private final Schedule schedule = new Schedule(Fixtures.policy());
    private final ScheduleFeed feed = new ScheduleFeed(schedule, Clock.fixed(T0, ZoneOffset.UTC));
    private final CloudEventReader reader = CloudEventReader.accepting(EventType.ROTATION_REQUESTED);

    /** A request that names no credential, tier, repository or consumer goes to the dead-letter topic, not into a pass. */
    @Test
    void aRequestOfANarrowScopeWithoutAValueIsRefused() {
        InboundEvent valueless = read(new RotationRequested("req-1", RotationScope.TIER, null, RotationReason.MANUAL, "otto", T0));

        assertThatThrownBy(() -> feed.apply(valueless, 0)).isInstanceOfSatisfying(RejectedEventException.class,
                e -> assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED_BODY));
    }

    @Test
    void aRequestOfEverythingNeedsNoValue() {
        schedule.ownEverything();
        schedule.upsert(Fixtures.pat("p", "read"), 0, T0);
        schedule.onState(Fixtures.rotated("p", T0, null, "r0"), T0);

        feed.apply(read(new RotationRequested("req-2", RotationScope.ALL, null, RotationReason.EMERGENCY, "ada", T0.plusSeconds(60))), 0);

        assertThat(schedule.pass(T0.plusSeconds(60)).rotations()).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(RotationReason.EMERGENCY));
    }

    private InboundEvent read(RotationRequested request) {
        ProducerRecord<String, byte[]> sent = CloudEvents.record("tokenwarden.rotation.requests", Service.ROTATION_SCHEDULER,
                EventType.ROTATION_REQUESTED, request.requestId(), request, request.requestedAt());
        return reader.read(new ConsumerRecord<>(sent.topic(), 0, 0L, T0.toEpochMilli(), TimestampType.CREATE_TIME, sent.key().length(),
                sent.value().length, sent.key(), sent.value(), sent.headers(), Optional.empty()));
    }
}
