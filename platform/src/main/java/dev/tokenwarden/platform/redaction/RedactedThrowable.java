package dev.tokenwarden.platform.redaction;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Stands in, in a log record, for an exception whose chain mentions a credential: same stack traces, causes
 * and suppressed exceptions, messages masked. {@link #toString()} keeps the original class name, so plain
 * stack traces read as before; JSON logs show this class as the exception type and the original one in
 * the message.
 */
final class RedactedThrowable extends RuntimeException {
    private final String originalType;

    private RedactedThrowable(Throwable original) {
        super(Redactor.redact(original.getMessage()));
        this.originalType = original.getClass().getName();
        setStackTrace(original.getStackTrace());
    }

    static boolean needsRedaction(Throwable thrown) {
        return chain(thrown).stream().anyMatch(t -> Redactor.containsCredential(t.getMessage()));
    }

    static Throwable of(Throwable thrown) {
        return copy(thrown, new IdentityHashMap<>());
    }

    /** Copies the whole graph once per throwable, loops included; the cause is set after construction for that. */
    private static RedactedThrowable copy(Throwable original, Map<Throwable, RedactedThrowable> copies) {
        RedactedThrowable known = copies.get(original);
        if (known != null) {
            return known;
        }
        RedactedThrowable redacted = new RedactedThrowable(original);
        copies.put(original, redacted);
        if (original.getCause() != null) {
            RedactedThrowable cause = copy(original.getCause(), copies);
            if (cause != redacted) {
                redacted.initCause(cause);
            }
        }
        for (Throwable suppressed : original.getSuppressed()) {
            RedactedThrowable copy = copy(suppressed, copies);
            if (copy != redacted) {
                redacted.addSuppressed(copy);
            }
        }
        return redacted;
    }

    /** Every throwable reachable through causes and suppressed ones, each once (chains may loop). */
    private static Set<Throwable> chain(Throwable root) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        collect(root, seen);
        return seen;
    }

    private static void collect(Throwable throwable, Set<Throwable> seen) {
        if (throwable == null || !seen.add(throwable)) {
            return;
        }
        collect(throwable.getCause(), seen);
        for (Throwable suppressed : throwable.getSuppressed()) {
            collect(suppressed, seen);
        }
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? originalType : originalType + ": " + message;
    }
}
