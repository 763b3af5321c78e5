package dev.tokenwarden.notifier.domain;

import static dev.tokenwarden.notifier.domain.Incidents.T0;
import static dev.tokenwarden.notifier.domain.Incidents.firing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenwarden.events.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingConfigTest {
    static final Set<String> RECEIVERS = Set.of("ops", "security", "deploy-team", "fallback");
    static final String YAML = """
            route:
              receivers: [ops]
              group_by: [type]
              group_wait: 30s
              group_interval: 5m
              repeat_interval: 4h
              routes:
                - matchers: ['severity>=high']
                  receivers: [security]
                  continue: true
                  routes:
                    - matchers: ['type="credential-exposed"']
                      group_wait: 0s
                - matchers: ['tier="deployment"', 'owner=~"team-.*"']
                  receivers: [deploy-team]
                  group_by: [credential]
                - matchers: ['tier="read"']
                  receivers: [ops]
            inhibit_rules:
              - source_matchers: ['type="rotation-failed"']
                target_matchers: ['type="expiring"']
                equal: [credential]
            """;

    @Test
    void childrenInheritAndContinueFallsThroughToTheNextSibling() {
        RoutingConfig config = RoutingConfig.parse(YAML, RECEIVERS);
        List<Route> routes = config.tree().route(IncidentLabels.of(firing("credential-exposed", "c1", Severity.CRITICAL, T0)));

        assertThat(routes).extracting(Route::id).containsExactly("root.0.0", "root.1");
        Route exposed = routes.get(0);
        assertThat(exposed.receivers()).containsExactly("security");
        assertThat(exposed.groupBy()).containsExactly("type");
        assertThat(exposed.groupWait()).isEqualTo(Duration.ZERO);
        assertThat(exposed.repeatInterval()).isEqualTo(Duration.ofHours(4));
        assertThat(routes.get(1).groupBy()).containsExactly("credential");
    }

    @Test
    void withoutContinueLaterSiblingsAreNotTriedAndNoMatchFallsBackToTheParent() {
        RoutingConfig config = RoutingConfig.parse(YAML, RECEIVERS);
        assertThat(config.tree().route(IncidentLabels.of(firing("expiring", "c1", Severity.LOW, T0))))
                .extracting(Route::id).containsExactly("root.1");
        Map<String, String> unmatched = IncidentLabels.of(new dev.tokenwarden.events.Incident("k", dev.tokenwarden.events.IncidentStatus.FIRING,
                "overdue", Severity.MEDIUM, "t", null, Map.of("tier", "workflow"), T0, T0, null));
        assertThat(config.tree().route(unmatched)).extracting(Route::id).containsExactly("root");
    }

    @Test
    void explanationSaysWhichMatcherFailed() {
        RoutingConfig config = RoutingConfig.parse(YAML, RECEIVERS);
        RoutingTree.Explanation explanation = config.tree().explain(IncidentLabels.of(firing("expiring", "c1", Severity.LOW, T0)));
        assertThat(explanation.steps()).anySatisfy(s -> assertThat(s)
                .startsWith("root.0: skipped").contains("severity>=\"high\" does not hold for severity=\"low\""));
        assertThat(explanation.steps()).anySatisfy(s -> assertThat(s).startsWith("root.1: routes to [deploy-team]"));
    }

    @Test
    void mistakesAreRefusedWithWhereTheyAre() {
        assertThatThrownBy(() -> RoutingConfig.parse("route:\n  receivers: [nobody]\n", RECEIVERS))
                .hasMessageContaining("root.receivers: 'nobody' is not a configured receiver");
        assertThatThrownBy(() -> RoutingConfig.parse("route:\n  receivers: [ops]\n  recievers: [ops]\n", RECEIVERS))
                .hasMessageContaining("unknown key 'recievers'");
        assertThatThrownBy(() -> RoutingConfig.parse("route:\n  receivers: [ops]\n  receivers: [security]\n", RECEIVERS))
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> RoutingConfig.parse("route:\n  receivers: [ops]\n  group_wait: soon\n", RECEIVERS))
                .hasMessageContaining("root.group_wait: 'soon' is not a duration");
        assertThatThrownBy(() -> RoutingConfig.parse("route:\n  receivers: [ops]\n  routes:\n    - matchers: ['tier=~\"(\"']\n", RECEIVERS))
                .hasMessageContaining("root.0.matchers").hasMessageContaining("invalid regex");
        assertThatThrownBy(() -> RoutingConfig.parse("route:\n  receivers: [ops]\n  routes:\n    - matchers: ['tier>=high']\n", RECEIVERS))
                .hasMessageContaining("compares severities only");
        assertThatThrownBy(() -> RoutingConfig.parse("x".repeat(RoutingConfig.MAX_BYTES + 1), RECEIVERS))
                .hasMessageContaining("larger than");
    }

    @Test
    void matcherSyntaxFollowsAlertmanager() {
        assertThat(Matcher.parse("repository=\"org/app\"").matches(Map.of("repository", "org/app"))).isTrue();
        assertThat(Matcher.parse("repository!=\"org/app\"").matches(Map.of())).isTrue();
        assertThat(Matcher.parse("consumer=~\"ci-.*\"").matches(Map.of("consumer", "xci-1"))).isFalse();
        assertThat(Matcher.parse("consumer!~\"ci-.*\"").matches(Map.of("consumer", "ci-1"))).isFalse();
        assertThat(Matcher.parse("severity>=medium").matches(Map.of("severity", "critical"))).isTrue();
        assertThat(Matcher.parse("severity>=medium").matches(Map.of("severity", "low"))).isFalse();
        assertThat(Matcher.parse("title=\"say \\\"hi\\\"\"").value()).isEqualTo("say \"hi\"");
        assertThatThrownBy(() -> Matcher.parse("no operator")).hasMessageContaining("is not of the form");
    }
}
