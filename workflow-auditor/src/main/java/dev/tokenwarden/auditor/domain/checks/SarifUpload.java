package dev.tokenwarden.auditor.domain.checks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A SARIF report as GitHub code scanning takes it: gzip'd, then base64, within GitHub's stated limits (at most 10 MB
 * gzip'd, 25,000 results per run; the engine writes one run), and the pauses between reads of its processing status.
 */
public final class SarifUpload {
    public static final int MAX_GZIP_BYTES = 10 * 1024 * 1024;
    public static final int MAX_RESULTS_PER_RUN = 25_000;

    private SarifUpload() {
    }

    /** The {@code sarif} field for {@code sarif} (one run of {@code results} results); refused when GitHub would refuse it. */
    public static String encode(byte[] sarif, int results) {
        if (results > MAX_RESULTS_PER_RUN) {
            throw new IllegalArgumentException("the SARIF report has " + results + " results; GitHub code scanning takes at most "
                    + MAX_RESULTS_PER_RUN + " per run");
        }
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(gzipped)) {
            zip.write(sarif);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory failed", e);
        }
        if (gzipped.size() > MAX_GZIP_BYTES) {
            throw new IllegalArgumentException("the SARIF report is " + gzipped.size() + " bytes gzip'd; GitHub code scanning takes at most "
                    + MAX_GZIP_BYTES + " (10 MB)");
        }
        return Base64.getEncoder().encodeToString(gzipped.toByteArray());
    }

    /** Pauses before each status read: {@code first}, doubling up to {@code longest}, as many as fit in {@code budget}. */
    public static List<Duration> pollDelays(Duration first, Duration longest, Duration budget) {
        List<Duration> delays = new ArrayList<>();
        Duration total = Duration.ZERO;
        for (Duration next = first; !next.isZero() && total.plus(next).compareTo(budget) <= 0; next = min(next.multipliedBy(2), longest)) {
            delays.add(next);
            total = total.plus(next);
        }
        return delays;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
