package dev.tokenwarden.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tokenwarden.events.Service;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** Both overlays, rendered, with the Kubernetes objects read through the fabric8 model. */
class KubernetesManifestsTest {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final String OVERLAYS = "deploy/kubernetes/overlays/";

    private static final Map<String, List<Map<String, Object>>> RENDERED = new ConcurrentHashMap<>();

    /** Rendered once per overlay; the tests only read the result. */
    private static List<Map<String, Object>> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> Kustomization.render(RepositoryFiles.resolve(OVERLAYS + o)));
    }

    private static <T> List<T> objects(List<Map<String, Object>> resources, String kind, Class<T> type) {
        return resources.stream().filter(r -> kind.equals(r.get("kind"))).map(r -> JSON.convertValue(r, type)).toList();
    }

    private static Deployment deployment(List<Map<String, Object>> resources, Service service) {
        return objects(resources, "Deployment", Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals(service.id()))
                .findFirst().orElseThrow(() -> new AssertionError("no Deployment " + service.id()));
    }

    private static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).as(deployment.getMetadata().getName()).hasSize(1);
        return containers.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyBuiltInObjectMatchesTheKubernetesSchemaWithNoUnknownField(String overlay) {
        Map<String, Class<?>> models = Map.of(
                "Deployment", Deployment.class, "Service", io.fabric8.kubernetes.api.model.Service.class,
                "ServiceAccount", ServiceAccount.class, "ConfigMap", ConfigMap.class, "Namespace", Namespace.class,
                "PodDisruptionBudget", PodDisruptionBudget.class, "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
                "NetworkPolicy", NetworkPolicy.class);
        Set<String> customKinds = Set.of("KafkaTopic", "KafkaUser", "ServiceMonitor", "PrometheusRule");
        for (Map<String, Object> resource : render(overlay)) {
            String kind = String.valueOf(resource.get("kind"));
            if (customKinds.contains(kind)) {
                continue;
            }
            assertThat(models).as("a model for kind %s", kind).containsKey(kind);
            UnknownFields.assertNone(JSON.convertValue(resource, models.get(kind)), kind + "/" + Yaml.string(resource, "metadata", "name"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceRunsAsADeploymentOfAnImageBuiltFromItsModule(String overlay) {
        List<Map<String, Object>> resources = render(overlay);
        Set<String> modules = Set.copyOf(RepositoryFiles.modules());
        assertThat(objects(resources, "Deployment", Deployment.class)).hasSize(Service.values().length);
        for (Service service : Service.values()) {
            String image = container(deployment(resources, service)).getImage();
            assertThat(image).as("image of %s", service.id()).matches("(.+/)?tokenwarden/" + service.id() + ":[\\w.-]+");
            assertThat(modules).contains(service.id());
            assertThat(RepositoryFiles.resolve(service.id() + "/src/main/docker/Dockerfile.jvm")).exists();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void probesHitTheQuarkusHealthEndpointsOnThePortTheServiceListensOn(String overlay) {
        List<Map<String, Object>> resources = render(overlay);
        for (Service service : Service.values()) {
            Container container = container(deployment(resources, service));
            int port = ServiceConfig.of(service).httpPort();
            assertThat(container.getPorts()).as(service.id()).anySatisfy(p -> {
                assertThat(p.getName()).isEqualTo("http");
                assertThat(p.getContainerPort()).isEqualTo(port);
            });
            assertProbe(container.getStartupProbe(), "/q/health/started", service);
            assertProbe(container.getLivenessProbe(), "/q/health/live", service);
            assertProbe(container.getReadinessProbe(), "/q/health/ready", service);
        }
    }

    private static void assertProbe(Probe probe, String path, Service service) {
        assertThat(probe).as("%s probe %s", service.id(), path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerHasRequestsAndLimitsWithRequestsWithinLimits(String overlay) {
        List<Map<String, Object>> resources = render(overlay);
        for (Service service : Service.values()) {
            var requirements = container(deployment(resources, service)).getResources();
            for (String resource : List.of("cpu", "memory")) {
                Quantity request = requirements.getRequests().get(resource);
                Quantity limit = requirements.getLimits().get(resource);
                assertThat(request).as("%s %s request", service.id(), resource).isNotNull();
                assertThat(limit).as("%s %s limit", service.id(), resource).isNotNull();
                assertThat(request.getNumericalAmount()).as("%s %s", service.id(), resource).isLessThanOrEqualTo(limit.getNumericalAmount());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void podsRunNonRootOnAReadOnlyRootFilesystemWithNoCapabilitiesAndAWritableTmp(String overlay) {
        List<Map<String, Object>> resources = render(overlay);
        for (Service service : Service.values()) {
            PodSpec pod = deployment(resources, service).getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(service.id()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(service.id()).isPositive();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            Container container = container(deployment(resources, service));
            var security = container.getSecurityContext();
            assertThat(security.getRunAsNonRoot()).as(service.id()).isTrue();
            assertThat(security.getReadOnlyRootFilesystem()).as(service.id()).isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).as(service.id()).isFalse();
            assertThat(security.getCapabilities().getDrop()).as(service.id()).containsExactly("ALL");
            assertThat(security.getCapabilities().getAdd()).as(service.id()).isNullOrEmpty();
            String tmpVolume = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                    .orElseThrow(() -> new AssertionError(service.id() + " mounts no /tmp")).getName();
            assertThat(pod.getVolumes()).anySatisfy(v -> {
                assertThat(v.getName()).isEqualTo(tmpVolume);
                assertThat(v.getEmptyDir()).isNotNull();
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyEnvironmentVariableAServiceReadsInProdIsProvided(String overlay) {
        List<Map<String, Object>> resources = render(overlay);
        for (Service service : Service.values()) {
            assertThat(providedEnvironment(resources, service)).as("environment of %s in %s", service.id(), overlay)
                    .containsAll(ServiceConfig.of(service).requiredEnvironment());
        }
    }

    /** The variables a service's container gets: its own env entries and the keys of the ConfigMaps it takes whole. */
    private static Set<String> providedEnvironment(List<Map<String, Object>> resources, Service service) {
        Map<String, ConfigMap> configMaps = objects(resources, "ConfigMap", ConfigMap.class).stream()
                .collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c));
        Container container = container(deployment(resources, service));
        Set<String> provided = new TreeSet<>();
        container.getEnv().stream().map(EnvVar::getName).forEach(provided::add);
        for (EnvFromSource source : container.getEnvFrom()) {
            String name = source.getConfigMapRef().getName();
            assertThat(configMaps).as("%s envFrom ConfigMap", service.id()).containsKey(name);
            provided.addAll(configMaps.get(name).getData().keySet());
        }
        return provided;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noDefaultMeantForALaptopOrComposeReachesTheCluster(String overlay) {
        List<Map<String, Object>> resources = render(overlay);
        for (Service service : Service.values()) {
            assertThat(providedEnvironment(resources, service)).as("environment of %s in %s", service.id(), overlay)
                    .containsAll(ServiceConfig.of(service).environmentWithLocalOnlyDefault());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceHasItsOwnServiceAccountAndADisruptionBudget(String overlay) {
        List<Map<String, Object>> resources = render(overlay);
        Set<String> accounts = objects(resources, "ServiceAccount", ServiceAccount.class).stream()
                .map(a -> a.getMetadata().getName()).collect(Collectors.toSet());
        List<PodDisruptionBudget> budgets = objects(resources, "PodDisruptionBudget", PodDisruptionBudget.class);
        Set<String> seen = new TreeSet<>();
        for (Service service : Service.values()) {
            Deployment deployment = deployment(resources, service);
            String account = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
            assertThat(accounts).as(service.id()).contains(account);
            assertThat(seen.add(account)).as("service account %s shared", account).isTrue();
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(budgets).as("PodDisruptionBudget for %s", service.id()).anySatisfy(b -> {
                assertThat(podLabels).containsAllEntriesOf(b.getSpec().getSelector().getMatchLabels());
                assertThat(b.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theBrokerAndTheAuditorAutoscaleNoFurtherThanThePartitionsTheyConsume(String overlay) {
        List<Map<String, Object>> resources = render(overlay);
        List<HorizontalPodAutoscaler> autoscalers = objects(resources, "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);
        assertThat(autoscalers).extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrder(Service.TOKEN_BROKER.id(), Service.WORKFLOW_AUDITOR.id());
        Map<String, Integer> partitions = resources.stream().filter(r -> "KafkaTopic".equals(r.get("kind")))
                .collect(Collectors.toMap(r -> Yaml.string(r, "spec", "topicName"), r -> Integer.parseInt(Yaml.string(r, "spec", "partitions"))));
        int busiest = partitions.values().stream().max(Integer::compare).orElseThrow();
        for (HorizontalPodAutoscaler autoscaler : autoscalers) {
            deployment(resources, Service.byId(autoscaler.getSpec().getScaleTargetRef().getName()).orElseThrow());
            assertThat(autoscaler.getSpec().getMinReplicas()).isPositive().isLessThanOrEqualTo(autoscaler.getSpec().getMaxReplicas());
            assertThat(autoscaler.getSpec().getMaxReplicas()).isLessThanOrEqualTo(busiest);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void networkPoliciesDenyEveryTokenwardenPodByDefault(String overlay) {
        List<NetworkPolicy> policies = objects(render(overlay), "NetworkPolicy", NetworkPolicy.class);
        Predicate<NetworkPolicy> denyAll = p -> p.getSpec().getIngress().isEmpty() && p.getSpec().getEgress().isEmpty()
                && p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                && Map.of("app.kubernetes.io/part-of", "tokenwarden").equals(p.getSpec().getPodSelector().getMatchLabels());
        assertThat(policies).anyMatch(denyAll);
        assertThat(policies).as("a DNS allowance for every pod").anySatisfy(p -> assertThat(p.getSpec().getEgress())
                .anySatisfy(rule -> assertThat(rule.getPorts()).anySatisfy(port -> assertThat(port.getPort().getIntVal()).isEqualTo(53))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyNamespacedObjectLandsInTheOverlaysNamespace(String overlay) {
        List<Map<String, Object>> resources = render(overlay);
        List<Map<String, Object>> namespaces = resources.stream().filter(r -> "Namespace".equals(r.get("kind"))).toList();
        assertThat(namespaces).hasSize(1);
        String namespace = Yaml.string(namespaces.get(0), "metadata", "name");
        assertThat(resources).filteredOn(r -> !"Namespace".equals(r.get("kind")))
                .allSatisfy(r -> assertThat(Yaml.string(r, "metadata", "namespace")).isEqualTo(namespace));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void prometheusScrapesTheServicesAndAlertsOnWhatOperatorsMustActOn(String overlay) {
        List<Map<String, Object>> resources = render(overlay);
        Map<String, Object> monitor = resources.stream().filter(r -> "ServiceMonitor".equals(r.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> endpoint = Yaml.maps(Yaml.at(monitor, "spec", "endpoints").orElseThrow(), "endpoints").get(0);
        assertThat(endpoint).containsEntry("path", "/q/metrics").containsEntry("port", "http");
        Set<String> alerts = resources.stream().filter(r -> "PrometheusRule".equals(r.get("kind")))
                .flatMap(r -> Yaml.maps(Yaml.at(r, "spec", "groups").orElseThrow(), "groups").stream())
                .flatMap(g -> Yaml.maps(g.get("rules"), "rules").stream())
                .map(rule -> String.valueOf(rule.get("alert")))
                .collect(Collectors.toSet());
        assertThat(alerts).contains("TokenwardenRotationOverdue", "TokenwardenDeadLetters", "TokenwardenConsumerLag", "TokenwardenRateLimitHeadroomLow");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void exactlyTheServicesTheVaultBootstrapGivesKubernetesRolesLogInThroughTheAgentWithTheirOwnRole(String overlay) {
        Matcher services = Pattern.compile("(?m)^services=\"([^\"]+)\"").matcher(RepositoryFiles.read(RepositoryFiles.resolve("deploy/vault/bootstrap.sh")));
        assertThat(services.find()).as("the services list in deploy/vault/bootstrap.sh").isTrue();
        Set<String> withRoles = Set.of(services.group(1).split("\\s+"));
        List<Map<String, Object>> resources = render(overlay);
        for (Service service : Service.values()) {
            var pod = deployment(resources, service).getSpec().getTemplate();
            Map<String, String> annotations = pod.getMetadata().getAnnotations() == null ? Map.of() : pod.getMetadata().getAnnotations();
            if (withRoles.contains(service.id())) {
                // The bootstrap binds role tokenwarden-<service> to the service account of the same name.
                assertThat(annotations).as(service.id())
                        .containsEntry("vault.hashicorp.com/agent-inject", "true")
                        .containsEntry("vault.hashicorp.com/role", "tokenwarden-" + service.id());
                assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("tokenwarden-" + service.id());
                assertThat(pod.getSpec().getAutomountServiceAccountToken()).as("the agent logs in with the pod's token").isTrue();
            } else {
                assertThat(annotations).as(service.id()).doesNotContainKey("vault.hashicorp.com/agent-inject");
                assertThat(pod.getSpec().getAutomountServiceAccountToken()).as(service.id()).isFalse();
            }
        }
    }
}
