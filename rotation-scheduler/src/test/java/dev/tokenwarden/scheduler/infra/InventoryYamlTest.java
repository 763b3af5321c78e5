package dev.tokenwarden.scheduler.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.scheduler.domain.Fixtures;
import dev.tokenwarden.scheduler.domain.InventoryRejectedException;
import dev.tokenwarden.scheduler.domain.InventoryValidator;
import dev.tokenwarden.scheduler.domain.Violation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryYamlTest {
    private final InventoryYaml yaml = new InventoryYaml(64 * 1024);
    private final InventoryValidator validator = new InventoryValidator(Fixtures.policy());

    @Test
    void theExampleFileShowsEveryFieldAndIsValid() throws Exception {
        List<InventoryEntry> entries = yaml.read(Files.readAllBytes(Path.of("../config/inventory.example.yaml")));
        validator.requireValid(entries);
        assertThat(entries).extracting(InventoryEntry::kind).containsExactly(CredentialKind.APP_INSTALLATION, CredentialKind.CLASSIC_PAT,
                CredentialKind.FINE_GRAINED_PAT, CredentialKind.APP_PRIVATE_KEY);
        InventoryEntry installation = entries.getFirst();
        assertThat(installation.appPool()).hasSize(2);
        assertThat(installation.repositories()).containsExactly("acme/api", "acme/web");
        assertThat(installation.policyOverrides().workflowsWrite()).isFalse();
        assertThat(entries.get(1).policyOverrides().rotationPeriod()).isEqualTo(Duration.ofDays(60));
        assertThat(entries.get(1).policyOverrides().warningLead()).isEqualTo(Duration.ofDays(21));
    }

    @Test
    void malformedYamlIsRefused() {
        assertThatThrownBy(() -> read("entries:\n  - id: a\n   kind: [\n"))
                .isInstanceOf(InventoryRejectedException.class).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> read("entries:\n  - id: a\n    id: b\n")).hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> read("- just a list")).hasMessageContaining("a list under 'entries'");
        assertThatThrownBy(() -> new InventoryYaml(10).read("entries: []\n# padding".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("the limit is 10");
    }

    @Test
    void fieldErrorsNameTheEntryAndTheFieldAndEveryErrorIsReported() {
        InventoryRejectedException refused = (InventoryRejectedException) org.assertj.core.api.Assertions.catchThrowable(() -> read("""
                entries:
                  - id: no-tier
                    kind: classic-pat
                    org: acme
                    consumer: c
                    owner: o
                  - id: bad-kind
                    kind: password
                    tier: read
                    org: acme
                    consumer: c
                    owner: o
                  - id: bad-period
                    kind: classic-pat
                    tier: read
                    org: acme
                    consumer: c
                    owner: o
                    policyOverrides: {rotationPeriod: soon}
                """));
        assertThat(refused.violations()).extracting(Violation::entry, Violation::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple("no-tier", "tier"),
                org.assertj.core.groups.Tuple.tuple("bad-kind", "kind"),
                org.assertj.core.groups.Tuple.tuple("bad-period", "policyOverrides.rotationPeriod"));
    }

    @Test
    void semanticErrorsAreFoundByTheValidatorOverTheWholeFile() {
        List<InventoryEntry> entries = read("""
                entries:
                  - {id: a, kind: classic-pat, tier: gold, org: acme, consumer: c, owner: o}
                  - {id: b, kind: classic-pat, tier: read, org: acme, consumer: c, owner: o, policyOverrides: {rotationPeriod: -P1D}}
                  - {id: b, kind: classic-pat, tier: read, org: acme, consumer: c, owner: o}
                  - {id: d, kind: app-installation, tier: read, org: acme, consumer: c, owner: o, appPool: [{appId: 7, installationId: 1}]}
                """);
        assertThatThrownBy(() -> validator.requireValid(entries))
                .hasMessageContaining("entry 'a' field 'tier': unknown tier 'gold'")
                .hasMessageContaining("entry 'b' field 'policyOverrides.rotationPeriod': must be a positive duration")
                .hasMessageContaining("entry 'b' field 'id': duplicate id")
                .hasMessageContaining("entry 'd' field 'appPool[0].appId': app 7 is not a known GitHub App");
    }

    private List<InventoryEntry> read(String text) {
        return yaml.read(text.getBytes(StandardCharsets.UTF_8));
    }
}
