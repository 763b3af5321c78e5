package dev.tokenwarden.auditor.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds what to audit under the paths given on the command line. A file is taken as it is. A directory
 * that holds {@code .github/workflows/} or an {@code action.yml} is a repository: its workflows and every
 * {@code action.yml|yaml} are taken. Any other directory is a folder of workflows: every
 * {@code *.yml|*.yaml} under it. Each file is named relative to the directory it was found under; a file
 * given by itself relative to the working directory when it lies inside it. Names use forward slashes.
 */
final class WorkflowFiles {

    /** A file to read and the name findings will carry. */
    record Found(Path path, String name) {
    }

    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "node_modules", "target", ".venv");

    private WorkflowFiles() {
    }

    static List<Found> collect(Path argument) throws IOException {
        if (Files.isRegularFile(argument)) {
            Path absolute = argument.toAbsolutePath().normalize();
            Path workingDirectory = Path.of("").toAbsolutePath();
            Path name = absolute.startsWith(workingDirectory) ? workingDirectory.relativize(absolute) : argument.normalize();
            return List.of(new Found(argument, slashes(name)));
        }
        boolean repository = Files.isDirectory(argument.resolve(".github/workflows"))
                || Files.isRegularFile(argument.resolve("action.yml")) || Files.isRegularFile(argument.resolve("action.yaml"));
        List<Found> found = new ArrayList<>();
        Files.walkFileTree(argument, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(argument) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && (repository ? isRepositoryWorkflow(argument.relativize(file)) : isYaml(file))) {
                    found.add(new Found(file, slashes(argument.relativize(file))));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort((a, b) -> a.name().compareTo(b.name()));
        return found;
    }

    private static boolean isRepositoryWorkflow(Path relative) {
        String name = relative.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.equals("action.yml") || name.equals("action.yaml")) {
            return true;
        }
        Path parent = relative.getParent();
        return isYaml(relative) && parent != null && slashes(parent).equals(".github/workflows");
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yml") || name.endsWith(".yaml");
    }

    private static String slashes(Path path) {
        return path.toString().replace('\\', '/');
    }
}
