package dev.tokenwarden.auditor.cli;

import java.io.PrintWriter;
import java.util.Optional;

import dev.tokenwarden.auditor.domain.report.ReportFormat;
import dev.tokenwarden.auditor.domain.rules.RuleCatalogue;
import dev.tokenwarden.auditor.domain.rules.RuleInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tokenwarden-audit} launcher: plain Java, starts neither Quarkus nor Kafka. */
@Command(name = "tokenwarden-audit", mixinStandardHelpOptions = true, versionProvider = AuditCli.Version.class,
        description = "Find what makes GitHub Actions workflows unsafe.",
        subcommands = {ScanCommand.class, FixCommand.class}, exitCodeOnInvalidInput = AuditCli.EXIT_INPUT_ERROR,
        exitCodeOnExecutionException = AuditCli.EXIT_INPUT_ERROR,
        exitCodeListHeading = "%nExit codes of scan:%n", exitCodeList = {"0:no finding shown at or above --fail-on",
                "1:findings shown at or above --fail-on", "2:usage error or a file that could not be audited"})
public final class AuditCli implements Runnable {

    static final int EXIT_CLEAN = 0;
    static final int EXIT_FINDINGS = 1;
    static final int EXIT_INPUT_ERROR = 2;
    private static final int HELP_WIDTH = 130;
    private static final String FIX_FOOTER = "%nFixed rules: every finding of them, whatever --persona a scan would use;"
            + " each fix is applied whole or reported as not fixed.%nThe pin cache and the knowledge file of action"
            + " permissions are described in docs/rules/README.md (section Fixes).%n";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new AuditCli())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("tokenwarden-audit: " + e.getClass().getSimpleName()
                            + Optional.ofNullable(e.getMessage()).map(m -> ": " + m).orElse(""));
                    return EXIT_INPUT_ERROR;
                });
        // wide enough that a rule's line in the footer is not wrapped
        commandLine.setUsageHelpWidth(HELP_WIDTH);
        String footer = helpFooter(RuleCatalogue.standard());
        commandLine.getCommandSpec().usageMessage().footer(footer);
        commandLine.getSubcommands().get("scan").getCommandSpec().usageMessage().footer(footer);
        commandLine.getSubcommands().get("fix").getCommandSpec().usageMessage().footer(FIX_FOOTER);
        return commandLine.execute(args);
    }

    /** The output formats and every rule with its default severity and confidence, for {@code --help}. */
    static String helpFooter(RuleCatalogue catalogue) {
        StringBuilder footer = new StringBuilder("%nOutput formats (--format):%n");
        for (ReportFormat format : ReportFormat.values()) {
            footer.append(String.format("  %-7s %s%%n", format.label(), format.summary));
        }
        footer.append("%nRules (default severity / confidence; * = pedantic, shown with --persona pedantic or auditor;")
                .append(" each documented in docs/rules/<rule-id>.md):%n");
        for (RuleInfo info : catalogue.infos()) {
            footer.append(String.format("  %-31s %-8s / %-6s %s%s%%n", info.id(), info.severity().label(),
                    info.confidence().label(), info.pedantic() ? "* " : "", info.title().replace("%", "%%")));
        }
        return footer.toString();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: use 'scan' or 'fix'");
    }

    static String version() {
        return Optional.ofNullable(AuditCli.class.getPackage().getImplementationVersion()).orElse("dev");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tokenwarden-audit " + version()};
        }
    }
}
