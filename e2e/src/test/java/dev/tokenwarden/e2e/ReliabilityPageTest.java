package dev.tokenwarden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The committed docs/reliability.md lists exactly the rows the suite has; its results part is the suite's to write. */
class ReliabilityPageTest {
    @Test
    void theCommittedMatrixMatchesTheSuitesRows() throws IOException {
        if (Boolean.getBoolean("tokenwarden.write-docs")) {
            ReliabilityPage.writeMatrix();
        }
        assertThat(ReliabilityPage.PAGE).as("docs/reliability.md; regenerate with -Dtokenwarden.write-docs=true").exists();
        String committed = Files.readString(ReliabilityPage.PAGE, StandardCharsets.UTF_8);
        int results = committed.indexOf(ReliabilityPage.RESULTS_HEADING);
        assertThat(results).as("docs/reliability.md has its results section").isPositive();
        assertThat(committed.substring(0, results))
                .as("docs/reliability.md's matrix is stale; regenerate with ./mvnw -B verify -pl e2e -am -Dtokenwarden.write-docs=true")
                .isEqualTo(ReliabilityPage.matrix());
    }

    @Test
    void everyRowHasAUniqueIdAndSaysWhatItProves() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Class<?> suite : ReliabilityPage.SUITE) {
            for (var method : ReliabilityPage.rows(suite)) {
                Row row = method.getAnnotation(Row.class);
                assertThat(ids.add(row.id())).as("row id %s is unique", row.id()).isTrue();
                assertThat(row.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
                assertThat(row.fault()).isNotBlank().doesNotContain("|");
                assertThat(row.proves()).isNotBlank().doesNotContain("|");
            }
        }
        assertThat(ids).hasSizeGreaterThanOrEqualTo(4);
    }
}
