package dev.tokenwarden.platform.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class RedactingLogFilterTest {
    private final RedactingLogFilter filter = new RedactingLogFilter();

    @Test
    void masksATokenInTheMessageOrAParameterWhateverTheFormatStyle() {
        String inMessage = TestTokens.jwtStyleInstallationToken();
        String inParameter = TestTokens.everyShape().getLast().token();
        ExtLogRecord printf = record("minted " + inMessage + " for %s", ExtLogRecord.FormatStyle.PRINTF, inParameter);
        ExtLogRecord messageFormat = record("stored {0} at {1}", ExtLogRecord.FormatStyle.MESSAGE_FORMAT, inParameter, 7);

        assertThat(filter.isLoggable(printf)).isTrue();
        assertThat(filter.isLoggable(messageFormat)).isTrue();

        assertThat(printf.getFormattedMessage()).isEqualTo("minted ghs_" + Redactor.MASK + " for s." + Redactor.MASK);
        assertThat(messageFormat.getFormattedMessage()).isEqualTo("stored s." + Redactor.MASK + " at 7");
    }

    @Test
    void leavesARecordWithoutCredentialsAsItWas() {
        IllegalStateException thrown = new IllegalStateException("Vault answered 503");
        ExtLogRecord record = record("rotation %s failed at step %d", ExtLogRecord.FormatStyle.PRINTF, "r-1", 2);
        record.setThrown(thrown);

        filter.isLoggable(record);

        assertThat(record.getFormatStyle()).isEqualTo(ExtLogRecord.FormatStyle.PRINTF);
        assertThat(record.getFormattedMessage()).isEqualTo("rotation r-1 failed at step 2");
        assertThat(record.getThrown()).isSameAs(thrown);
    }

    @Test
    void masksTokensAnywhereInTheExceptionChainAndKeepsTypesAndFrames() {
        String token = TestTokens.everyShape().getFirst().token();
        IllegalArgumentException cause = new IllegalArgumentException("bad credentials for " + token);
        IllegalStateException thrown = new IllegalStateException("rotation failed", cause);
        thrown.addSuppressed(new RuntimeException("cleanup saw " + token));
        ExtLogRecord record = record("rotation failed", ExtLogRecord.FormatStyle.NO_FORMAT);
        record.setThrown(thrown);

        filter.isLoggable(record);

        String printed = stackTrace(record.getThrown());
        assertThat(printed)
                .doesNotContain(token)
                .contains("java.lang.IllegalStateException: rotation failed")
                .contains("Caused by: java.lang.IllegalArgumentException: bad credentials for ghp_" + Redactor.MASK)
                .contains("Suppressed: java.lang.RuntimeException: cleanup saw ghp_" + Redactor.MASK)
                .contains(getClass().getName() + ".masksTokensAnywhereInTheExceptionChainAndKeepsTypesAndFrames");
    }

    @Test
    void survivesACauseLoop() {
        String token = TestTokens.everyShape().get(2).token();
        RuntimeException first = new RuntimeException("first " + token);
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);
        ExtLogRecord record = record("loop", ExtLogRecord.FormatStyle.NO_FORMAT);
        record.setThrown(first);

        filter.isLoggable(record);

        assertThat(stackTrace(record.getThrown())).doesNotContain(token).contains("CIRCULAR REFERENCE");
    }

    private static ExtLogRecord record(String message, ExtLogRecord.FormatStyle style, Object... parameters) {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, message, style, RedactingLogFilterTest.class.getName());
        record.setParameters(parameters);
        return record;
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter out = new StringWriter();
        thrown.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
