package dev.tokenwarden.auditor.domain.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A light reading of a {@code run:} script, line by line: which variables a line reads, whether it prints,
 * and whether it appends to one of the runner's command files. It reads shell text only; expressions
 * inside the script are handled by {@link dev.tokenwarden.auditor.domain.expr.Template}.
 */
final class ShellScript {

    /** A script line and where it starts in the {@code run:} value. */
    record Line(int offset, String text) {
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$(?:env:)?\\{?([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern COMMAND_FILE = Pattern.compile(
            "(?:>>?|\\btee(?:\\s+-a)?|-FilePath|-Path|\\bAdd-Content|\\bOut-File)\\s*[\"']?\\$\\{?(?:env:)?"
                    + "(GITHUB_ENV|GITHUB_OUTPUT|GITHUB_STEP_SUMMARY|GITHUB_PATH)\\b");
    private static final Set<String> PRINTERS = Set.of("echo", "printf", "print", "write-host", "write-output",
            "write-information", "console.log", "cat", "printenv");
    /** Redirections that still end in the job log: to standard output or standard error. */
    private static final Pattern TO_LOG = Pattern.compile("\\d?>&[12]|\\d?>\\s*/dev/std(?:out|err)");
    private static final Pattern XTRACE = Pattern.compile(
            "^\\s*set\\s+(?:-[a-wyzA-Z]*x[a-zA-Z]*|-o\\s+xtrace)\\b");

    private ShellScript() {
    }

    static List<Line> lines(String script) {
        List<Line> lines = new ArrayList<>();
        int offset = 0;
        for (String text : script.split("\n", -1)) {
            if (!text.strip().startsWith("#") && !text.isBlank()) {
                lines.add(new Line(offset, text));
            }
            offset += text.length() + 1;
        }
        return lines;
    }

    static Set<String> variables(String line) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(line);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The command file ({@code GITHUB_ENV}, ...) the line appends to, if any. */
    static Optional<String> commandFileTarget(String line) {
        Matcher m = COMMAND_FILE.matcher(line);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * True when one of the line's commands writes to the log: a print command whose output is neither piped
     * into another command nor redirected to a file (standard error counts as the log), and that is not a
     * masking command.
     */
    static boolean printsToLog(String line) {
        if (line.contains("::add-mask::")) {
            return false;
        }
        for (String command : line.split("&&|\\|\\||;")) {
            String[] words = command.strip().split("\\s+", 2);
            String first = words[0].toLowerCase(Locale.ROOT);
            if (first.equals("sudo") && words.length > 1) {
                first = words[1].strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
            }
            boolean printer = PRINTERS.contains(first);
            String redirects = TO_LOG.matcher(command).replaceAll("");
            boolean leavesTheLog = redirects.contains("|") || redirects.contains(">");
            if (printer && !leavesTheLog) {
                return true;
            }
        }
        return false;
    }

    static boolean enablesXtrace(String script, Optional<String> shell) {
        if (shell.map(s -> s.matches(".*\\s-[a-zA-Z]*x[a-zA-Z]*(\\s.*)?")).orElse(false)) {
            return true;
        }
        return script.lines().anyMatch(line -> XTRACE.matcher(line).find());
    }
}
