package dev.tokenwarden.sandbox.process;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Supervisor JVM for a native server (for example {@code bao server -dev}) that cannot watch its own
 * parent: it runs the command with inherited output and stops it when this JVM's standard input closes,
 * that is when the process that started the supervisor dies. Its exit code is the command's.
 *
 * <p>Arguments: the command and its arguments.
 */
public final class TiedProcessMain {
    private static final long STOP_GRACE_SECONDS = 10;

    private TiedProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: TiedProcessMain <command> [arguments...]");
            System.exit(2);
        }
        Process child = new ProcessBuilder(Arrays.asList(args))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        ParentWatch.haltWhenClosed(System.in, () -> stop(child));
        System.exit(child.waitFor());
    }

    private static void stop(Process child) {
        child.destroy();
        try {
            if (!child.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroyForcibly();
        }
    }
}
