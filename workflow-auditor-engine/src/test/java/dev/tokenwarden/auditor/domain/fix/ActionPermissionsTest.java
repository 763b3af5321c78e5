package dev.tokenwarden.auditor.domain.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ActionPermissionsTest {

    @Test
    void theShippedFileStatesItsCoverageAndNamesWhatEachListedActionNeeds() {
        ActionPermissions shipped = ActionPermissions.bundled();
        assertThat(shipped.needs("actions/checkout")).contains(Map.of("contents", "read"));
        assertThat(shipped.needs("Actions/Cache")).contains(Map.of());
        assertThat(shipped.needs("actions/deploy-pages")).contains(Map.of("pages", "write", "id-token", "write"));
        assertThat(shipped.needs("actions/github-script")).as("depends on its script: not listed").isEmpty();
    }

    @Test
    void aLineThatIsNotTheDocumentedShapeIsAnError() {
        assertThatThrownBy(() -> ActionPermissions.parse("actions/checkout\n")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> ActionPermissions.parse("# header\nsome/action contents:admin\n"))
                .hasMessageContaining("line 2: bad permission contents:admin");
    }
}
