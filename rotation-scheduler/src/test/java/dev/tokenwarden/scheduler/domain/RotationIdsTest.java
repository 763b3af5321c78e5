package dev.tokenwarden.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RotationIdsTest {
    /** The digest of the id's definition (credential id, newline, Instant.toString()), computed the slow, obvious way. */
    private static String reference(String credentialId, Instant dueAt) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest((credentialId + "\n" + dueAt).getBytes(StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(digest, 0, 16);
    }

    @Test
    void theIdIsTheDigestOfCredentialIdNewlineAndTheInstantAsInstantToStringWritesIt() throws Exception {
        for (Instant instant : instants()) {
            assertThat(RotationIds.of("cred-é/1", instant)).as("%s", instant).isEqualTo(reference("cred-é/1", instant));
        }
        assertThat(RotationIds.of("cred-000001", Instant.parse("2026-01-01T00:00:00Z"))).hasSize(32);
    }

    @Test
    void theFastFormatWritesWhatInstantToStringWrites() {
        byte[] out = new byte[30];
        for (Instant instant : instants()) {
            if (!instant.isBefore(Instant.parse("0000-01-01T00:00:00Z")) && !instant.isAfter(Instant.parse("9999-12-31T23:59:59.999999999Z"))) {
                assertThat(new String(out, 0, RotationIds.iso(instant, out, 0), StandardCharsets.US_ASCII)).isEqualTo(instant.toString());
            }
        }
    }

    /** Every shape of fraction, leap days, the ends of the four-digit years, beyond them, and random instants. */
    private static List<Instant> instants() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2024-02-29T23:59:59Z"), Instant.parse("2000-03-01T00:00:00Z"),
                Instant.parse("1900-02-28T12:00:00Z"), Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("0999-06-15T01:02:03.100Z"), Instant.parse("-0001-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.MIN, Instant.MAX, Instant.ofEpochSecond(1, 1), Instant.ofEpochSecond(1, 1_000), Instant.ofEpochSecond(1, 1_000_000),
                Instant.ofEpochSecond(-1, 999_999_999)));
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-62_167_219_200L - 86_400, 253_402_300_799L + 86_400);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(seconds, nano));
        }
        return instants;
    }
}
