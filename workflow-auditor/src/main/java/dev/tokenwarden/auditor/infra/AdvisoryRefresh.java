package dev.tokenwarden.auditor.infra;

import dev.tokenwarden.auditor.domain.advisory.Advisory;
import dev.tokenwarden.auditor.domain.advisory.AdvisoryFile;
import dev.tokenwarden.auditor.domain.advisory.VersionRange;
import dev.tokenwarden.auditor.domain.finding.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Builds the engine's known-vulnerable-actions data file ({@link AdvisoryFile}, header with source, retrieval
 * date and entry count) from GitHub's reviewed {@code actions} advisories: one line per affected action,
 * withdrawn advisories left out, a version range the engine cannot read skipped and counted in the log.
 */
@ApplicationScoped
public class AdvisoryRefresh {
    private static final Logger LOG = Logger.getLogger(AdvisoryRefresh.class);

    private final AuditorGitHub github;
    private final Clock clock;

    public AdvisoryRefresh(AuditorGitHub github, Clock clock) {
        this.github = github;
        this.clock = clock;
    }

    public AdvisoryFile fetch() {
        List<Advisory> entries = new ArrayList<>();
        int unreadable = 0;
        for (dev.tokenwarden.platform.github.Advisory advisory : github.actionsAdvisories()) {
            if (advisory.withdrawnAt().isPresent()) {
                continue;
            }
            for (dev.tokenwarden.platform.github.Advisory.Vulnerability affected : advisory.vulnerabilities()) {
                try {
                    entries.add(new Advisory(advisory.ghsaId(), affected.packageName().toLowerCase(Locale.ROOT),
                            VersionRange.parse(affected.vulnerableVersionRange()), affected.firstPatchedVersion().orElse("-"),
                            Severity.parse(advisory.severity()), advisory.summary()));
                } catch (IllegalArgumentException e) {
                    unreadable++;
                }
            }
        }
        if (unreadable > 0) {
            LOG.warnf("%d advisory entries had a version range the engine cannot read and were left out", unreadable);
        }
        entries.sort(Comparator.comparing(Advisory::action).thenComparing(Advisory::id));
        return new AdvisoryFile(github.advisoriesSource(), LocalDate.now(clock).toString(), entries);
    }
}
