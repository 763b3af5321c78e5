package dev.tokenwarden.auditor.domain.advisory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.tokenwarden.auditor.domain.finding.Severity;

class AdvisoryFileTest {

    @Test
    void theBundledFileDeclaresItsSourceDateAndEntryCount() {
        AdvisoryFile bundled = AdvisoryFile.bundled();
        assertThat(bundled.source()).startsWith("GitHub Advisory Database");
        assertThat(bundled.retrieved()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(bundled.advisories()).isNotEmpty().allSatisfy(a -> assertThat(a.id()).startsWith("GHSA-"));
    }

    @Test
    void writesWhatItParses() {
        AdvisoryFile file = new AdvisoryFile("test source", "2026-01-02", List.of(
                new Advisory("GHSA-aaaa-bbbb-cccc", "some-org/action", VersionRange.parse(">= 1.0.0, < 2.4.2"), "2.4.2",
                        Optional.of(Severity.CRITICAL), "a summary"),
                new Advisory("GHSA-dddd-eeee-ffff", "other/action/sub", VersionRange.parse("<= 3"), "4", Optional.empty(), "b")));
        String text = file.write();
        assertThat(text).contains("# entries: 2\n", "# source: test source\n");
        assertThat(AdvisoryFile.parse(text)).isEqualTo(file);
    }

    @Test
    void rejectsAFileWhoseCountDisagreesWithItsHeader() {
        String text = "# source: s\n# retrieved: 2026-01-01\n# entries: 2\nGHSA-x\ta/b\t< 1\t1\thigh\tsummary\n";
        assertThatThrownBy(() -> AdvisoryFile.parse(text)).hasMessage("header says 2 entries, file has 1");
        assertThatThrownBy(() -> AdvisoryFile.parse("# source: s\n# entries: 0\n")).hasMessageContaining("retrieved");
    }

    @Test
    void movingTagsMatchOnlyWhenEveryReleaseTheyNameIsVulnerable() {
        VersionRange range = VersionRange.parse("<= 45.0.7");
        assertThat(range.containsAll(ActionVersion.parse("v40").orElseThrow())).isTrue();
        assertThat(range.containsAll(ActionVersion.parse("v45").orElseThrow())).isFalse();
        assertThat(range.containsAll(ActionVersion.parse("45.0.7").orElseThrow())).isTrue();
        assertThat(range.containsAll(ActionVersion.parse("v46.0.1").orElseThrow())).isFalse();
        assertThat(ActionVersion.parse("main")).isEmpty();
        assertThat(VersionRange.parse(">= 1.3, < 2.4.2").contains(ActionVersion.parse("1.2.9").orElseThrow())).isFalse();
    }
}
