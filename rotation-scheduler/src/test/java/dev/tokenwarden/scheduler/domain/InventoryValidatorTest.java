package dev.tokenwarden.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenwarden.events.AppInstallation;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.PolicyOverrides;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryValidatorTest {
    private static final java.time.Instant T0 = Fixtures.T0;
    private final InventoryValidator validator = new InventoryValidator(Fixtures.policy());

    @Test
    void aValidBatchPasses() {
        validator.requireValid(List.of(Fixtures.pat("a", "read"), Fixtures.installation("b", "auditor", 7)));
    }

    @Test
    void unknownTierNamesEntryAndField() {
        InventoryEntry entry = Fixtures.pat("cred-1", "gold");
        assertThatThrownBy(() -> validator.requireValid(List.of(entry)))
                .isInstanceOf(InventoryRejectedException.class)
                .hasMessageContaining("entry 'cred-1' field 'tier': unknown tier 'gold'")
                .hasMessageContaining("deployment");
    }

    @Test
    void negativeAndZeroPeriodsAreRefused() {
        InventoryEntry entry = new InventoryEntry("cred-2", CredentialKind.CLASSIC_PAT, "read", "acme", "c", List.of(), List.of(), "o",
                new PolicyOverrides(Duration.ofDays(-1), Duration.ZERO, null));
        assertThatThrownBy(() -> validator.requireValid(List.of(entry)))
                .hasMessageContaining("entry 'cred-2' field 'policyOverrides.rotationPeriod'")
                .hasMessageContaining("entry 'cred-2' field 'policyOverrides.warningLead'");
    }

    @Test
    void duplicateIdsAreRefused() {
        assertThatThrownBy(() -> validator.requireValid(List.of(Fixtures.pat("same", "read"), Fixtures.pat("same", "workflow"))))
                .hasMessageContaining("entry 'same' field 'id': duplicate id");
    }

    @Test
    void unknownAppInPoolIsRefused() {
        InventoryEntry entry = new InventoryEntry("cred-3", CredentialKind.APP_INSTALLATION, "read", "acme", "c", List.of("acme/x"),
                List.of(new AppInstallation(999L, 1L)), "o", PolicyOverrides.NONE);
        assertThat(validator.check(entry)).extracting(Violation::field).containsExactly("appPool[0].appId");
    }

    @Test
    void repositoryShapeInternalTierAndWorkflowGrantAreChecked() {
        InventoryEntry entry = new InventoryEntry("cred-4", CredentialKind.CLASSIC_PAT, "auditor", "acme", "c", List.of("no-slash", "a/b/c"),
                List.of(), "o", new PolicyOverrides(null, null, true));
        assertThat(validator.check(entry)).extracting(Violation::field)
                .containsExactlyInAnyOrder("kind", "repositories[0]", "repositories[1]", "policyOverrides.workflowsWrite");
        InventoryEntry noPool = new InventoryEntry("cred-5", CredentialKind.APP_INSTALLATION, "read", "acme", "c", List.of(), List.of(), "o", null);
        assertThat(validator.check(noPool)).extracting(Violation::field).containsExactly("appPool");
        assertThat(validator.check(Fixtures.pat("bad id!", "read"))).extracting(Violation::field).contains("id");
    }

    @Test
    void aUserTokenNamesOneAppAndRotatesWithinItsAccessTokensEightHours() {
        List<AppInstallation> oneApp = List.of(new AppInstallation(Fixtures.APP, 70L));
        InventoryEntry valid = new InventoryEntry("user-1", CredentialKind.APP_USER_TOKEN, "read", "acme", "c", List.of(), oneApp, "o",
                new PolicyOverrides(Duration.ofHours(6), null, null));
        InventoryEntry noPeriod = new InventoryEntry("user-2", CredentialKind.APP_USER_TOKEN, "read", "acme", "c", List.of(),
                List.of(new AppInstallation(Fixtures.APP, 70L), new AppInstallation(Fixtures.APP, 71L)), "o", PolicyOverrides.NONE);

        assertThat(validator.check(valid)).isEmpty();
        assertThat(validator.check(noPeriod)).extracting(Violation::field).containsExactlyInAnyOrder("appPool", "policyOverrides.rotationPeriod");
        assertThat(Fixtures.policy().due(valid, T0, T0, T0.plus(Duration.ofHours(8))).at()).as("by its period, not its 8-hour expiry")
                .isEqualTo(T0.plus(Duration.ofHours(6)));
        assertThat(Fixtures.policy().confirmWithin(CredentialKind.APP_USER_TOKEN))
                .isEqualTo(Fixtures.policy().confirmWithin(CredentialKind.APP_INSTALLATION));
    }
}
