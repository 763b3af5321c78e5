package dev.tokenwarden.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenwarden.events.Service;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void eachRoleImpliesTheWeakerOnes() {
        assertThat(Role.VIEWER.implied()).containsExactly(Role.VIEWER);
        assertThat(Role.OPERATOR.implied()).containsExactly(Role.VIEWER, Role.OPERATOR);
        assertThat(Role.ADMIN.implied()).containsExactly(Role.VIEWER, Role.OPERATOR, Role.ADMIN);
    }

    @Test
    void theStrongestKnownRoleWinsAndOtherNamesAreIgnored() {
        assertThat(Role.strongestOf(List.of("viewer", "admin", "operator"))).contains(Role.ADMIN);
        assertThat(Role.strongestOf(List.of("billing", "operator"))).contains(Role.OPERATOR);
        assertThat(Role.strongestOf(List.of("billing", "Admin"))).isEmpty();
    }

    @Test
    void idsAreTheRoleNamesOfTheAnnotations() {
        assertThat(List.of(Role.VIEWER.id(), Role.OPERATOR.id(), Role.ADMIN.id()))
                .containsExactly(Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN);
    }

    @Test
    void aCallerBecomesAnOperatorActionRecord() {
        Instant at = Instant.parse("2026-11-22T15:00:00Z");

        assertThat(new Caller("otto", Role.OPERATOR).action("a-1", Service.ROTATION_SCHEDULER, "rotate-now", "cred-1", "accepted", at))
                .satisfies(action -> {
                    assertThat(action.principal()).isEqualTo("otto");
                    assertThat(action.role()).isEqualTo("operator");
                    assertThat(action.service()).isEqualTo("rotation-scheduler");
                    assertThat(action.at()).isEqualTo(at);
                });
    }
}
