package dev.tokenwarden.deploy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.events.Topics;

/** What the events module says must exist on the broker: topics, their compaction, and who may write them. */
final class KafkaProvisioning {
    private KafkaProvisioning() {
    }

    /** Every business topic, compacted or not, per EventType (a topic shared by several types agrees on it). */
    static Map<String, Boolean> compactedByTopic() {
        Map<String, Boolean> compacted = new TreeMap<>();
        for (EventType type : EventType.values()) {
            Boolean previous = compacted.put(type.topic(), type.compacted());
            if (previous != null && previous != type.compacted()) {
                throw new IllegalStateException("event types on " + type.topic() + " disagree on compaction");
            }
        }
        return compacted;
    }

    /** The service a dead-letter topic belongs to ({@code tokenwarden.<service>.<topic>.dlq}), checked against Topics.deadLetter. */
    static Service deadLetterOwner(String deadLetterTopic) {
        for (Service service : EnumSet.allOf(Service.class)) {
            for (String topic : compactedByTopic().keySet()) {
                if (Topics.deadLetter(service, topic).equals(deadLetterTopic)) {
                    return service;
                }
            }
        }
        throw new IllegalArgumentException(deadLetterTopic + " is not tokenwarden.<service>.<topic>.dlq for any service and topic");
    }

    static boolean isDeadLetter(String topic) {
        return topic.endsWith(".dlq");
    }

    /** Topic ACL grants as "read topic" / "write topic", from deploy/kafka/acls.conf, per service. */
    static Map<Service, Set<String>> composeGrants() {
        Map<Service, Set<String>> grants = new TreeMap<>();
        for (String[] row : RepositoryFiles.table(RepositoryFiles.resolve("deploy/kafka/acls.conf"))) {
            Service service = Service.byId(row[0]).orElseThrow(() -> new IllegalStateException("acls.conf names unknown service " + row[0]));
            grants.computeIfAbsent(service, s -> new TreeSet<>()).add(row[1] + " " + row[2]);
        }
        return grants;
    }
}
