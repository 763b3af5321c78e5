package dev.tokenwarden.auditor.domain.advisory;

import java.util.Optional;

import dev.tokenwarden.auditor.domain.finding.Severity;

/** One advisory for one action: {@code action} is {@code owner/repo[/path]} in lower case. */
public record Advisory(String id, String action, VersionRange vulnerable, String firstPatched,
                       Optional<Severity> severity, String summary) {
}
