package dev.tokenwarden.notifier.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The index gives the answer the pairwise rule gives, over every held incident, on randomized cases. */
class InhibitionsTest {
    private static final List<String> TYPES = List.of("rotation-failed", "expiring", "leaked");
    private static final List<String> CREDENTIALS = List.of("c1", "c2", "c3", "c4");
    private static final List<String> OWNERS = List.of("team-a", "team-b");

    @Test
    void theIndexAgreesWithThePairwiseRuleOnRandomizedCases() {
        Random random = new Random(16);
        for (int round = 0; round < 50; round++) {
            List<InhibitRule> rules = randomRules(random);
            Inhibitions index = new Inhibitions(rules);
            Map<String, Map<String, String>> held = new LinkedHashMap<>();
            for (int step = 0; step < 40; step++) {
                Map<String, String> labels = randomIncident(random);
                held.put(labels.get(IncidentLabels.INCIDENT_KEY), labels);
                index.put(labels);
                if (random.nextInt(5) == 0 && !held.isEmpty()) {
                    String gone = new ArrayList<>(held.keySet()).get(random.nextInt(held.size()));
                    held.remove(gone);
                    index.remove(gone);
                }
                for (Map<String, String> target : held.values()) {
                    boolean pairwise = held.values().stream().anyMatch(source -> rules.stream().anyMatch(r -> r.inhibits(source, target)));
                    Optional<String> inhibitor = index.inhibitor(target);
                    assertThat(inhibitor.isPresent()).as("round %d step %d, target %s, rules %s", round, step, target, rules)
                            .isEqualTo(pairwise);
                    inhibitor.ifPresent(source -> assertThat(rules).as("the named source inhibits the target")
                            .anyMatch(r -> r.inhibits(held.get(source), target)));
                }
            }
        }
    }

    @Test
    void aSourceThatResolvesOrIsReplacedNoLongerInhibits() {
        InhibitRule rule = new InhibitRule(List.of(Matcher.parse("type=\"rotation-failed\"")),
                List.of(Matcher.parse("type=\"expiring\"")), List.of("credential"));
        Inhibitions index = new Inhibitions(List.of(rule));
        Map<String, String> target = labels("expiring/c1", "expiring", "c1", "team-a", "firing");
        index.put(labels("rotation-failed/c1", "rotation-failed", "c1", "team-a", "firing"));
        assertThat(index.inhibitor(target)).contains("rotation-failed/c1");

        index.put(labels("rotation-failed/c1", "rotation-failed", "c1", "team-a", "resolved"));
        assertThat(index.inhibitor(target)).isEmpty();
        index.put(labels("rotation-failed/c1", "rotation-failed", "c2", "team-a", "firing"));
        assertThat(index.inhibitor(target)).as("now for another credential").isEmpty();
    }

    private static List<InhibitRule> randomRules(Random random) {
        List<InhibitRule> rules = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            List<String> equal = new ArrayList<>();
            if (random.nextBoolean()) {
                equal.add("credential");
            }
            if (random.nextBoolean()) {
                equal.add("owner");
            }
            if (random.nextInt(4) == 0) {
                equal.add("missing");
            }
            rules.add(new InhibitRule(List.of(typeMatcher(random)), random.nextInt(4) == 0 ? List.of() : List.of(typeMatcher(random)), equal));
        }
        return rules;
    }

    private static Matcher typeMatcher(Random random) {
        String op = random.nextInt(4) == 0 ? "!=" : "=";
        return Matcher.parse("type" + op + "\"" + TYPES.get(random.nextInt(TYPES.size())) + "\"");
    }

    private static Map<String, String> randomIncident(Random random) {
        String type = TYPES.get(random.nextInt(TYPES.size()));
        String credential = CREDENTIALS.get(random.nextInt(CREDENTIALS.size()));
        return labels(type + "/" + credential, type, credential, OWNERS.get(random.nextInt(OWNERS.size())),
                random.nextInt(4) == 0 ? "resolved" : "firing");
    }

    private static Map<String, String> labels(String key, String type, String credential, String owner, String status) {
        return Map.of(IncidentLabels.INCIDENT_KEY, key, IncidentLabels.TYPE, type, IncidentLabels.STATUS, status,
                "credential", credential, "owner", owner);
    }
}
