package dev.tokenwarden.sandbox.process;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs another main class in this JVM and halts the JVM when standard input closes. A parent that starts
 * a child this way, keeping the child's stdin pipe open, takes the child down with it even when the
 * parent is killed with {@code kill -9}: nothing it started is ever orphaned.
 *
 * <p>Arguments: {@code <main-class> [args...]}.
 */
public final class ParentWatch {
    private ParentWatch() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 1) {
            System.err.println("usage: ParentWatch <main-class> [args...]");
            System.exit(2);
        }
        haltWhenClosed(System.in);
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Starts a daemon thread that halts this JVM once {@code stdin} reaches its end or breaks. */
    public static void haltWhenClosed(InputStream stdin) {
        haltWhenClosed(stdin, () -> { });
    }

    /** As {@link #haltWhenClosed(InputStream)}, running {@code beforeHalt} first (to stop a native child, say). */
    public static void haltWhenClosed(InputStream stdin, Runnable beforeHalt) {
        Thread watcher = new Thread(() -> {
            try {
                while (stdin.read() >= 0) {
                    // The parent never writes; reading only waits for the pipe to close.
                }
            } catch (IOException ignored) {
                // A broken pipe means the parent is gone, as does end of input.
            }
            beforeHalt.run();
            Runtime.getRuntime().halt(0);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
