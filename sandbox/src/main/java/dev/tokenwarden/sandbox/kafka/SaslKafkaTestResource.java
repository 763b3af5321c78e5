package dev.tokenwarden.sandbox.kafka;

import dev.tokenwarden.events.Service;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * A broker of its own for the tests of Kafka ACLs: SASL/PLAIN with one user per service and the ACLs of
 * {@link ServiceAcls}, every catalogue topic created by the super user. The service under test (init arg
 * {@code service}, its id) logs in as its own user. Declare it in a test profile that disables the global test
 * resources, or the shared open broker other test classes declare would join in with its own address.
 */
public class SaslKafkaTestResource implements QuarkusTestResourceLifecycleManager {
    private static final Logger LOG = Logger.getLogger(SaslKafkaTestResource.class.getName());
    private static KafkaBroker broker;
    private Service service;

    @Override
    public void init(Map<String, String> initArgs) {
        String id = initArgs.get("service");
        service = Service.byId(id).orElseThrow(() -> new IllegalArgumentException("init arg 'service' names no service: " + id));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> users = new HashMap<>();
        users.put(KafkaBroker.SUPER_USER, UUID.randomUUID().toString());
        for (Service each : Service.values()) {
            users.put(ServiceAcls.user(each), UUID.randomUUID().toString());
        }
        broker = KafkaBroker.onFreePorts(KafkaBroker.temporaryDataDir(), LOG::info).withSasl(users).start();
        try (Admin admin = Admin.create(broker.clientConfig(KafkaBroker.SUPER_USER))) {
            admin.createTopics(ServiceAcls.topics().stream().map(topic -> new NewTopic(topic, 1, (short) 1)).toList())
                    .all().get(60, TimeUnit.SECONDS);
            List<AclBinding> acls = new ArrayList<>();
            for (Service each : Service.values()) {
                acls.addAll(ServiceAcls.of(each));
            }
            admin.createAcls(acls).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            broker.stop();
            throw new IllegalStateException("cannot provision the SASL broker", e);
        }
        Map<String, Object> client = broker.clientConfig(ServiceAcls.user(service));
        return Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "kafka.security.protocol", String.valueOf(client.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)),
                "kafka.sasl.mechanism", String.valueOf(client.get(SaslConfigs.SASL_MECHANISM)),
                "kafka.sasl.jaas.config", String.valueOf(client.get(SaslConfigs.SASL_JAAS_CONFIG)));
    }

    /** The running SASL broker, for tests that connect as other users. */
    public static KafkaBroker broker() {
        if (broker == null) {
            throw new IllegalStateException("the SASL broker is not running");
        }
        return broker;
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.stop();
            broker = null;
        }
    }
}
