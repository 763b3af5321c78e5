package dev.tokenwarden.auditor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import dev.tokenwarden.auditor.domain.config.AuditConfig;
import dev.tokenwarden.auditor.domain.engine.Engine;
import dev.tokenwarden.auditor.domain.engine.InputFile;
import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.finding.ScanError;
import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.fix.FixOptions;
import dev.tokenwarden.auditor.domain.fix.FixOutcome;
import dev.tokenwarden.auditor.domain.fix.FixVerification;
import dev.tokenwarden.auditor.domain.fix.RepositoryFiles;
import dev.tokenwarden.auditor.domain.fix.TagResolver;
import dev.tokenwarden.auditor.domain.fix.WorkflowFixer;
import dev.tokenwarden.auditor.domain.rules.RuleCatalogue;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tokenwarden-audit fix}: makes the mechanical fixes for the findings of the rules that have one. Prints a
 * unified diff ({@code --dry-run}, the default) or writes the files ({@code --write}) after a backup, then scans each
 * written file again and restores it when the fix did not hold.
 */
@Command(name = "fix", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = AuditCli.EXIT_INPUT_ERROR,
        exitCodeOnExecutionException = AuditCli.EXIT_INPUT_ERROR,
        description = {"Fix what can be fixed mechanically: pin uses: to commit SHAs, add permissions:, timeout-minutes"
                + " and persist-credentials: false, move ${{ }} out of run: into env:, replace secrets: inherit.",
                "Edits change only the characters they must: comments, key order, quoting, indentation and line endings"
                        + " stay. The diff goes to standard output, what was fixed and what was not (and why) to standard"
                        + " error."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every finding of the selected rules was fixed (--dry-run: the diff shows the fixes), or there"
                + " was none",
                "1:some findings could not be fixed safely (each is listed with the reason), or a written file failed"
                        + " validation and was restored",
                "2:usage error, unreadable configuration, pin cache or file, or a backup already exists (without --force)"})
final class FixCommand implements Callable<Integer> {

    static final String DEFAULT_PINS = ".github/tokenwarden-pins.json";
    static final String BACKUP_SUFFIX = ".orig";

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--dry-run", description = "print a unified diff and change nothing (the default)")
        boolean dryRun;

        @Option(names = "--write", description = "write the fixes; each changed file is first copied to <file>"
                + BACKUP_SUFFIX + ", then scanned again and restored from it if it no longer parses or the fixed rule still fires")
        boolean write;

        @Option(names = "--pull-request", description = "ask the workflow-auditor at --server to fix --repository on GitHub and"
                + " open a pull request (API key: " + PullRequestFix.API_KEY_VARIABLE + "); prints its URL, takes no PATH")
        boolean pullRequest;
    }

    @Option(names = "--server", paramLabel = "URL", description = "with --pull-request: the workflow-auditor's base URL")
    URI server;

    @Option(names = "--repository", paramLabel = "OWNER/REPO", description = "with --pull-request: the GitHub repository to fix")
    String repository;

    @Option(names = "--base", paramLabel = "BRANCH", description = "with --pull-request: the branch to fix (default: the default branch)")
    String base;

    @Option(names = "--force", description = "with --write: overwrite an existing <file>" + BACKUP_SUFFIX + " backup")
    boolean force;

    @Option(names = "--rule", paramLabel = "RULE-ID", description = "fix only this rule (repeatable): unpinned-uses,"
            + " missing-permissions, missing-timeout, persisted-credentials, template-injection, secrets-inherit")
    List<String> rules = new ArrayList<>();

    @Option(names = "--timeout-minutes", paramLabel = "N", description = "timeout-minutes for missing-timeout"
            + " (default: fix-timeout-minutes in --config, else " + FixOptions.DEFAULT_TIMEOUT_MINUTES + ")")
    Integer timeoutMinutes;

    @Option(names = "--pins", paramLabel = "FILE", description = "pin cache: JSON {\"owner/repo\": {\"tag\": \"<40-hex sha>\"}}"
            + " (default: " + DEFAULT_PINS + " in the repository of the first PATH)")
    Path pins;

    @Option(names = "--resolve-online", description = "ask the GitHub API for tags the pin cache does not hold (token:"
            + " GITHUB_TOKEN); with --write, what it learns is added to the pin cache")
    boolean resolveOnline;

    @Option(names = "--github-api-url", paramLabel = "URL", description = "GitHub API base for --resolve-online"
            + " (default: GITHUB_API_URL, else https://api.github.com)")
    URI githubApiUrl;

    @Option(names = "--config", paramLabel = "FILE", description = "configuration file (rules on/off, options, fix-timeout-minutes)")
    Path config;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "workflow files, folders of workflows, or repository roots")
    List<Path> paths;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (mode.pullRequest) {
            return new PullRequestFix().run(server, repository, rules, Optional.ofNullable(base),
                    Optional.ofNullable(System.getenv(PullRequestFix.API_KEY_VARIABLE)), out, err);
        }
        if (paths == null || paths.isEmpty()) {
            err.println("give at least one PATH to fix (or --pull-request with --server and --repository)");
            return AuditCli.EXIT_INPUT_ERROR;
        }
        Set<String> unknown = new LinkedHashSet<>(rules);
        unknown.removeAll(WorkflowFixer.fixableRules());
        if (!unknown.isEmpty()) {
            err.println("no fix for rule(s) " + String.join(", ", unknown) + " (fixable: "
                    + String.join(", ", WorkflowFixer.fixableRules()) + ")");
            return AuditCli.EXIT_INPUT_ERROR;
        }
        if (timeoutMinutes != null && timeoutMinutes < 1) {
            err.println("--timeout-minutes must be at least 1");
            return AuditCli.EXIT_INPUT_ERROR;
        }
        RuleCatalogue catalogue = RuleCatalogue.standard();
        Optional<AuditConfig> loaded = ScanCommand.loadConfig(config, catalogue, err);
        if (loaded.isEmpty()) {
            return AuditCli.EXIT_INPUT_ERROR;
        }
        List<InputFile> inputs = new ArrayList<>();
        List<ScanError> unreadable = new ArrayList<>();
        Map<String, Path> located = new HashMap<>();
        if (!ScanCommand.readAll(paths, loaded.get().maxFileBytes(), inputs, unreadable, located, err)) {
            return AuditCli.EXIT_INPUT_ERROR;
        }
        Path pinFile = pins != null ? pins : repositoryRoot(paths.getFirst()).resolve(DEFAULT_PINS);
        PinCache pinCache;
        try {
            pinCache = PinCache.load(pinFile, resolveOnline ? Optional.of(onlineResolver()) : Optional.empty());
        } catch (IOException e) {
            err.println(e.getMessage());
            return AuditCli.EXIT_INPUT_ERROR;
        }
        Engine engine = new Engine(catalogue, loaded.get());
        ScanResult scanned = engine.scan(inputs);
        List<ScanError> errors = new ArrayList<>(unreadable);
        errors.addAll(scanned.errors());
        errors.forEach(e -> err.println(e.file() + ": not fixed: " + e.message()));

        FixOptions options = FixOptions.defaults().withRules(Set.copyOf(rules)).withTags(pinCache)
                .withTimeoutMinutes(timeoutMinutes != null ? timeoutMinutes
                        : loaded.get().fixTimeoutMinutes().orElse(FixOptions.DEFAULT_TIMEOUT_MINUTES));
        Tally tally = new Tally();
        for (InputFile input : inputs) {
            Path file = located.get(input.path());
            List<Finding> findings = scanned.findings().stream().filter(f -> f.file().equals(input.path())).toList();
            FixOutcome outcome = new WorkflowFixer(options.withRepositoryFiles(repositoryFiles(file)))
                    .fix(input.path(), new String(input.content(), StandardCharsets.UTF_8), findings);
            report(outcome, err, tally);
            if (!outcome.changed()) {
                continue;
            }
            if (mode.write) {
                write(engine, inputs, scanned, outcome, file, err, tally);
            } else {
                out.print(outcome.diff());
            }
        }
        out.flush();
        if (mode.write && !tally.inputError) {
            pinCache.save();
        }
        err.println(tally.fixed + " fixed, " + tally.unfixable + " not fixed" + (mode.write ? ", " + tally.filesWritten
                + " file(s) written" : " (dry run: nothing written)"));
        if (!errors.isEmpty() || tally.inputError) {
            return AuditCli.EXIT_INPUT_ERROR;
        }
        return tally.unfixable > 0 ? AuditCli.EXIT_FINDINGS : AuditCli.EXIT_CLEAN;
    }

    private static final class Tally {
        int fixed;
        int unfixable;
        int filesWritten;
        boolean inputError;
    }

    private static void report(FixOutcome outcome, PrintWriter err, Tally tally) {
        outcome.applied().forEach(a -> err.println(outcome.path() + ":" + a.line() + ": fixed " + a.ruleId() + ": " + a.description()));
        outcome.unfixable().forEach(u -> err.println(outcome.path() + ":" + u.line() + ": not fixed " + u.ruleId() + ": " + u.reason()));
        tally.fixed += outcome.applied().size();
        tally.unfixable += outcome.unfixable().size();
    }

    /** Backs the file up, writes the fix, scans it again from disk and restores the backup when the fix did not hold. */
    private void write(Engine engine, List<InputFile> inputs, ScanResult scanned, FixOutcome outcome, Path file,
                       PrintWriter err, Tally tally)
            throws IOException {
        Path backup = file.resolveSibling(file.getFileName() + BACKUP_SUFFIX);
        if (Files.exists(backup) && !force) {
            err.println(outcome.path() + ": not written: backup " + backup + " already exists (use --force to replace it)");
            tally.inputError = true;
            tally.fixed -= outcome.applied().size();
            return;
        }
        Files.copy(file, backup, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(file, outcome.newText(), StandardCharsets.UTF_8);
        FixOutcome onDisk = new FixOutcome(outcome.path(), outcome.originalText(),
                Files.readString(file, StandardCharsets.UTF_8), outcome.applied(), outcome.unfixable());
        Optional<String> failure = FixVerification.verify(engine, inputs, scanned, onDisk);
        if (failure.isPresent()) {
            Files.copy(backup, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            Files.delete(backup);
            err.println(outcome.path() + ": fixes undone, file restored: " + failure.get());
            tally.fixed -= outcome.applied().size();
            tally.unfixable += outcome.applied().size();
            return;
        }
        tally.filesWritten++;
        err.println(outcome.path() + ": written, backup in " + backup);
    }

    private TagResolver onlineResolver() {
        URI base = githubApiUrl != null ? githubApiUrl
                : URI.create(Optional.ofNullable(System.getenv("GITHUB_API_URL")).orElse("https://api.github.com"));
        return new GitHubTagResolver(base, Optional.ofNullable(System.getenv("GITHUB_TOKEN")));
    }

    /** Reads the repository's other files (a local reusable workflow) from the root the fixed file lies in. */
    private static RepositoryFiles repositoryFiles(Path file) {
        Path root = repositoryRoot(file).toAbsolutePath().normalize();
        return pathFromRoot -> {
            Path wanted = root.resolve(pathFromRoot).normalize();
            try {
                return wanted.startsWith(root) && Files.isRegularFile(wanted)
                        ? Optional.of(Files.readString(wanted, StandardCharsets.UTF_8)) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        };
    }

    /** The nearest folder at or above {@code path} that holds {@code .github}, else the working directory. */
    static Path repositoryRoot(Path path) {
        for (Path dir = path.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir) && Files.isDirectory(dir.resolve(".github"))) {
                return dir;
            }
        }
        return Path.of("").toAbsolutePath();
    }
}
