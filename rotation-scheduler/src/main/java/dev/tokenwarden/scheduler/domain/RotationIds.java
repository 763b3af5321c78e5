package dev.tokenwarden.scheduler.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The rotation id: SHA-256 of credential id, a newline and the due instant (before jitter) as
 * {@link Instant#toString()} writes it, so every replica and restart derives the same one.
 *
 * <p>A pass where everything is due derives one per credential: the digest is reused per thread and the
 * instant written straight into bytes, because looking up a {@code MessageDigest} and formatting through
 * {@code DateTimeFormatter} cost more than the hashing itself.
 */
public final class RotationIds {
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(RotationIds::sha256);
    private static final HexFormat HEX = HexFormat.of();
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years {@link Instant#toString()} writes as four plain digits. */
    private static final long FIRST_SECOND = -62_167_219_200L;
    private static final long LAST_SECOND = 253_402_300_799L;
    private static final int ISO_MAX_LENGTH = 30;

    private RotationIds() {
    }

    public static String of(String credentialId, Instant dueAt) {
        MessageDigest sha = SHA_256.get();
        long seconds = dueAt.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
            sha.update((credentialId + "\n" + dueAt).getBytes(StandardCharsets.UTF_8));
        } else {
            byte[] id = credentialId.getBytes(StandardCharsets.UTF_8);
            byte[] text = Arrays.copyOf(id, id.length + 1 + ISO_MAX_LENGTH);
            text[id.length] = '\n';
            int length = id.length + 1 + iso(dueAt, text, id.length + 1);
            sha.update(text, 0, length);
        }
        return HEX.formatHex(sha.digest(), 0, 16);
    }

    /** Writes an instant of the years 0 to 9999 as {@link Instant#toString()} does, in ASCII, from {@code from}; returns the length. */
    static int iso(Instant instant, byte[] out, int from) {
        long seconds = instant.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil, inverted), valid for any proleptic Gregorian date.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));

        int at = digits(year, 4, out, from);
        out[at++] = '-';
        at = digits(month, 2, out, at);
        out[at++] = '-';
        at = digits(day, 2, out, at);
        out[at++] = 'T';
        at = digits(secondOfDay / 3600, 2, out, at);
        out[at++] = ':';
        at = digits(secondOfDay / 60 % 60, 2, out, at);
        out[at++] = ':';
        at = digits(secondOfDay % 60, 2, out, at);
        int nano = instant.getNano();
        if (nano != 0) {
            out[at++] = '.';
            if (nano % 1_000_000 == 0) {
                at = digits(nano / 1_000_000, 3, out, at);
            } else if (nano % 1000 == 0) {
                at = digits(nano / 1000, 6, out, at);
            } else {
                at = digits(nano, 9, out, at);
            }
        }
        out[at++] = 'Z';
        return at - from;
    }

    private static int digits(int value, int width, byte[] out, int at) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
