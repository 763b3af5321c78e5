package dev.tokenwarden.auditor;

import dev.tokenwarden.auditor.domain.config.AuditConfig;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.governance.WorkflowChangeGovernance;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The service's own settings, under {@code tokenwarden.auditor}. */
@ConfigMapping(prefix = "tokenwarden.auditor")
public interface AuditorConfig {

    /** The largest workflow or action file read; a larger one is refused (413) or reported in a bundle. */
    @WithDefault("1048576")
    int maxFileBytes();

    /** The most files one multipart bundle may carry. */
    @WithDefault("200")
    int maxBundleFiles();

    /** Where findings' {@code docsUrl} point ({@code /<rule-id>.md} is appended). */
    @WithDefault(AuditConfig.DEFAULT_DOCS_BASE_URL)
    String docsBaseUrl();

    /** A finding new since the repository's baseline at or above this severity raises an incident. */
    @WithDefault("high")
    Severity incidentSeverity();

    /** How long a REST scan waits for Kafka to take its records before answering 503. */
    @WithDefault("10s")
    Duration publishTimeout();

    /** The GitHub App webhook secret; without it every delivery is refused (401). */
    Optional<String> webhookSecret();

    /**
     * How many {@code X-GitHub-Delivery} ids handled here, and as many delivery scans read back from {@code audit.scans},
     * are remembered to ignore replays.
     */
    @WithDefault("10000")
    int rememberedDeliveries();

    /**
     * A literal internal {@code auditor} credential for GitHub API reads, for development; ignored when
     * {@link #githubTokenVaultPath()} is set.
     */
    Optional<String> githubToken();

    /**
     * Where the token-broker keeps the internal {@code auditor} credential, relative to the KV v2 mount
     * ({@code github/auditor/<consumer>/<credential-id>}); read with the {@code tokenwarden.vault.*} settings.
     */
    Optional<String> githubTokenVaultPath();

    /**
     * How many bytes the workflow and action files the auditor keeps by git blob id may take, deflated, so a file
     * seen before in any repository is not read from GitHub again ({@code BlobCache}); 0 turns it off.
     */
    @WithDefault("16777216")
    long blobCacheBytes();

    /**
     * How often the auditor counts its running instances ({@code AuditorReplicas}), each of which keeps to its part of
     * GitHub's per-credential limits: the secondary-limit budget and the org scans' requests per minute.
     */
    @WithDefault("10s")
    Duration replicaCountInterval();

    /** Remote composite actions and reusable workflows the engine follows taint into, read from GitHub. */
    RemoteCallees remoteCallees();

    interface RemoteCallees {
        /** How many files (present or known missing) are kept. */
        @WithDefault("1000")
        int cacheSize();

        /** How long a file at a full commit SHA, which never changes, is kept. */
        @WithDefault("24h")
        Duration pinnedFor();

        /** How long a file at a tag or branch is kept before it is read again. */
        @WithDefault("10m")
        Duration movableFor();
    }

    /** Fixes delivered as pull requests ({@code POST /repositories/{owner}/{repo}/fixes}). */
    Fixes fix();

    interface Fixes {
        /** A literal internal {@code fixer} credential, for development; ignored when {@link #githubTokenVaultPath()} is set. */
        Optional<String> githubToken();

        /** Where the token-broker keeps the internal {@code fixer} credential ({@code github/fixer/<consumer>/<credential-id>}). */
        Optional<String> githubTokenVaultPath();

        /** The {@code timeout-minutes} the missing-timeout fix adds. */
        @WithDefault("30")
        int timeoutMinutes();

        /** How many resolved tags ({@code owner/repo@tag}, present or known missing) are kept for pinning {@code uses:}. */
        @WithDefault("1000")
        int tagCacheSize();

        /** How long a resolved tag is kept before it is asked again: a tag can be moved. */
        @WithDefault("10m")
        Duration tagCacheFor();
    }

    /** Workflow-change governance on pushes (off unless enabled here or for a repository). */
    Governance governance();

    interface Governance {
        /** Check every repository's pushes; a repository's own setting overrides it. */
        @WithDefault("false")
        boolean enabled();

        /** Require commits touching workflows to carry a signature GitHub verified. */
        @WithDefault("false")
        boolean requireSignedCommits();

        /** Per repository ({@code "owner/name"}): overrides of the settings above, and branches protected besides the default one. */
        Map<String, Repository> repositories();

        interface Repository {
            Optional<Boolean> enabled();

            Optional<Boolean> requireSignedCommits();

            Optional<Set<String>> protectedBranches();
        }

        default WorkflowChangeGovernance.Policy policy(String repository) {
            Optional<Repository> own = Optional.ofNullable(repositories().get(repository));
            return new WorkflowChangeGovernance.Policy(own.flatMap(Repository::enabled).orElse(enabled()),
                    own.flatMap(Repository::requireSignedCommits).orElse(requireSignedCommits()),
                    own.flatMap(Repository::protectedBranches).orElse(Set.of()));
        }
    }

    /** Results on scanned pull requests: a check run on the head commit and, where code scanning is on, a SARIF upload. */
    PullRequestResults pullRequestResults();

    interface PullRequestResults {
        /** Report on pull requests at all (a check run, then the SARIF upload). */
        @WithDefault("true")
        boolean enabled();

        /** The check run's name: one run of this name per head commit. */
        @WithDefault("tokenwarden-audit")
        String checkName();

        /** A finding on a changed line at or above this severity makes the check run fail. */
        @WithDefault("high")
        Severity failOn();

        /** Upload the scan's SARIF to code scanning (skipped, with one INFO line, where the repository has none). */
        @WithDefault("true")
        boolean sarifUpload();

        /** The first pause before reading the upload's processing status; it doubles up to 15 s. */
        @WithDefault("1s")
        Duration sarifFirstPoll();

        /** How long the processing status is followed before the upload is reported as still pending. */
        @WithDefault("2m")
        Duration sarifPollFor();
    }

    /** Organisation-wide scans. */
    OrgScans orgScan();

    interface OrgScans {
        /** Under this many remaining GitHub requests (the credential's last observed budget) a scan pauses until the reset. */
        @WithDefault("100")
        int rateLimitFloor();

        /** An unfinished scan not advanced for this long (past its pause) is taken as abandoned by its instance and resumed. */
        @WithDefault("5m")
        Duration staleAfter();

        /** How often abandoned scans are looked for. */
        @WithDefault("30s")
        Duration resumeEvery();

        /**
         * GitHub requests this instance's org scans have in flight at once, and repositories one scan works on at once
         * (GitHub allows 100 concurrent requests).
         */
        @WithDefault("8")
        int concurrency();

        /**
         * GitHub requests this instance's org scans start per minute, evenly spaced: a share of GitHub's secondary
         * limit of 900 points a minute per credential (a GET costs one), the rest left to pushes and pull requests.
         */
        @WithDefault("600")
        int requestsPerMinute();

        /**
         * How often a running scan's progress is recorded as repositories finish; its start, listing, pauses and end
         * are recorded at once. A scan resumed elsewhere scans again the repositories finished since the last record.
         */
        @WithDefault("2s")
        Duration progressEvery();
    }
}
