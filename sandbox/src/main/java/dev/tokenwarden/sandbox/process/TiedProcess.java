package dev.tokenwarden.sandbox.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a command under a {@link TiedProcessMain} supervisor JVM, so the command cannot outlive the
 * JVM that started it, and stops it gracefully on {@link #close()}.
 */
public final class TiedProcess implements AutoCloseable {
    private final Process supervisor;

    private TiedProcess(Process supervisor) {
        this.supervisor = supervisor;
    }

    /** Starts {@code command}, its standard output and error appended to {@code logFile}. */
    public static TiedProcess start(List<String> command, Path logFile) {
        List<String> supervised = new ArrayList<>(List.of(
                javaExecutable(), "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", ownClasspathEntry(), TiedProcessMain.class.getName()));
        supervised.addAll(command);
        try {
            Process process = new ProcessBuilder(supervised)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            return new TiedProcess(process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.getFirst(), e);
        }
    }

    public boolean isAlive() {
        return supervisor.isAlive();
    }

    /** The exit code, once {@link #isAlive()} is false. */
    public int exitValue() {
        return supervisor.exitValue();
    }

    /** Closing the supervisor's standard input is what makes it stop the command. */
    @Override
    public void close() {
        try {
            supervisor.getOutputStream().close();
            if (!supervisor.waitFor(30, TimeUnit.SECONDS)) {
                supervisor.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            supervisor.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            supervisor.destroyForcibly();
        }
    }

    /** The path of the JDK running this JVM, so children run on the same Java. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String ownClasspathEntry() {
        try {
            return Path.of(TiedProcessMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the sandbox classes", e);
        }
    }
}
