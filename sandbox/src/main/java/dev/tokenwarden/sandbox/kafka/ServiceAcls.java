package dev.tokenwarden.sandbox.kafka;

import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.events.Topics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The Kafka ACLs of each service's user on the sandbox SASL broker, generated from the event catalogue: a
 * service writes exactly the topics {@link EventType} lets it produce, and creates and writes its own dead
 * letters ({@code tokenwarden.<service>.*}). Reads are broader than compose's exact list (any tokenwarden
 * topic): these ACLs are for proving who may publish, which consumers then re-check through {@code ce_source}.
 */
public final class ServiceAcls {
    private ServiceAcls() {
    }

    /** The Kafka user name of a service, as compose and the Strimzi KafkaUsers name it. */
    public static String user(Service service) {
        return "tokenwarden-" + service.id();
    }

    /** Every business topic of the catalogue. */
    public static Set<String> topics() {
        return Arrays.stream(EventType.values()).map(EventType::topic).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The topics EventType lets this service produce. */
    public static Set<String> produced(Service service) {
        return Arrays.stream(EventType.values()).filter(type -> type.mayBeProducedBy(service)).map(EventType::topic)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    public static List<AclBinding> of(Service service) {
        String principal = "User:" + user(service);
        List<AclBinding> acls = new ArrayList<>();
        for (String topic : produced(service)) {
            acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
            acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
        }
        String deadLetters = Topics.PREFIX + service.id() + ".";
        for (AclOperation operation : List.of(AclOperation.CREATE, AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE)) {
            acls.add(allow(principal, ResourceType.TOPIC, deadLetters, PatternType.PREFIXED, operation));
        }
        acls.add(allow(principal, ResourceType.TOPIC, Topics.PREFIX, PatternType.PREFIXED, AclOperation.READ));
        acls.add(allow(principal, ResourceType.TOPIC, Topics.PREFIX, PatternType.PREFIXED, AclOperation.DESCRIBE));
        acls.add(allow(principal, ResourceType.GROUP, service.id(), PatternType.PREFIXED, AclOperation.READ));
        return acls;
    }

    private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
