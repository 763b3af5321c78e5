package dev.tokenwarden.auditor.cli;

import java.io.PrintWriter;
import java.util.Optional;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tokenwarden-audit} launcher: plain Java, starts neither Quarkus nor Kafka. */
@Command(name = "tokenwarden-audit", mixinStandardHelpOptions = true, versionProvider = AuditCli.Version.class,
        description = "Find what makes GitHub Actions workflows unsafe.",
        subcommands = ScanCommand.class, exitCodeOnInvalidInput = AuditCli.EXIT_INPUT_ERROR,
        exitCodeOnExecutionException = AuditCli.EXIT_INPUT_ERROR)
public final class AuditCli implements Runnable {

    static final int EXIT_CLEAN = 0;
    static final int EXIT_FINDINGS = 1;
    static final int EXIT_INPUT_ERROR = 2;

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
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: use 'scan'");
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
