package dev.tokenwarden.scheduler.domain;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
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
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);
    private static final HexFormat HEX = HexFormat.of();
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years {@link Instant#toString()} writes as four plain digits. */
    private static final long FIRST_SECOND = -62_167_219_200L;
    private static final long LAST_SECOND = 253_402_300_799L;
    private static final int ISO_MAX_LENGTH = 30;
    /** "00" to "99", two ASCII bytes each. */
    private static final byte[] DIGIT_PAIRS = pairs();

    private RotationIds() {
    }

    public static String of(String credentialId, Instant dueAt) {
        return of(credentialId.getBytes(StandardCharsets.UTF_8), dueAt);
    }

    /** The rotation id of the credential whose id is {@code credentialIdUtf8} in UTF-8. */
    public static String of(byte[] credentialIdUtf8, Instant dueAt) {
        Buffers buffers = BUFFERS.get();
        MessageDigest sha = buffers.sha;
        long seconds = dueAt.getEpochSecond();
        sha.update(credentialIdUtf8);
        if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
            sha.update(("\n" + dueAt).getBytes(StandardCharsets.UTF_8));
        } else {
            byte[] text = buffers.text;
            text[0] = '\n';
            sha.update(text, 0, 1 + iso(dueAt, text, 1));
        }
        try {
            sha.digest(buffers.digest, 0, buffers.digest.length);
        } catch (DigestException e) {
            throw new IllegalStateException("a SHA-256 digest fits 32 bytes", e);
        }
        return HEX.formatHex(buffers.digest, 0, 16);
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

    /** Writes two digits per division: each digit's division waits for the one before, so halving them halves the chain. */
    private static int digits(int value, int width, byte[] out, int at) {
        int i = at + width;
        for (; i - at >= 2; value /= 100) {
            int pair = value % 100 * 2;
            out[--i] = DIGIT_PAIRS[pair + 1];
            out[--i] = DIGIT_PAIRS[pair];
        }
        if (i > at) {
            out[at] = (byte) ('0' + value % 10);
        }
        return at + width;
    }

    /** A thread's digest and scratch space, so deriving an id allocates nothing but the id. */
    private static final class Buffers {
        final MessageDigest sha = sha256();
        final byte[] text = new byte[1 + ISO_MAX_LENGTH];
        final byte[] digest = new byte[32];
    }

    private static byte[] pairs() {
        byte[] pairs = new byte[200];
        for (int i = 0; i < 100; i++) {
            pairs[2 * i] = (byte) ('0' + i / 10);
            pairs[2 * i + 1] = (byte) ('0' + i % 10);
        }
        return pairs;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
