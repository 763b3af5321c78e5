package dev.tokenwarden.platform.redaction;

import io.quarkus.logging.LoggingFilter;
import java.util.Arrays;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * The second line of defence behind "never log a credential": every handler (console, file, syslog; plain or
 * JSON) runs this filter, which masks credential shapes in the formatted message and in the exception chain
 * before any formatter sees the record. It never drops a record. Platform's microprofile-config.properties
 * applies it to the handlers, so a service opts in by depending on platform.
 */
@LoggingFilter(name = RedactingLogFilter.NAME)
public final class RedactingLogFilter implements Filter {
    public static final String NAME = "tokenwarden-redaction";

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            redactMessage(ext);
        } else {
            redactMessage(record);
        }
        Throwable thrown = record.getThrown();
        if (thrown != null && RedactedThrowable.needsRedaction(thrown)) {
            record.setThrown(RedactedThrowable.of(thrown));
        }
        return true;
    }

    /** Formats first, so a token in a parameter is caught whatever the format style. */
    private static void redactMessage(ExtLogRecord record) {
        String formatted = record.getFormattedMessage();
        String redacted = Redactor.redact(formatted);
        if (!redacted.equals(formatted)) {
            record.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
            record.setParameters(null);
        }
    }

    private static void redactMessage(LogRecord record) {
        record.setMessage(Redactor.redact(record.getMessage()));
        if (record.getParameters() != null) {
            record.setParameters(Arrays.stream(record.getParameters())
                    .map(parameter -> parameter != null && Redactor.containsCredential(parameter.toString())
                            ? Redactor.redact(parameter.toString())
                            : parameter)
                    .toArray());
        }
    }
}
