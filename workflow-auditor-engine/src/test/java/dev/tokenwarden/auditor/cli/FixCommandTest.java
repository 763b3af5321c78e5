package dev.tokenwarden.auditor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tokenwarden.auditor.domain.fix.TagResolver;

class FixCommandTest {

    private static final String SHA = "11bd71901bbe5b1630ceea73d27597364c9af683";
    private static final String WORKFLOW = """
            on: push   # every push
            permissions:
              contents: read
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4.2.2
                    with:
                      persist-credentials: false
                  - uses: some-org/unknown@v1
            """.replace("\n", "\r\n");

    @TempDir
    Path dir;

    /** One run of {@code tokenwarden-audit fix}: its exit code and what it printed. */
    private record Fixed(int exit, String out, String err) {
    }

    private static Fixed fix(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] command = Stream.concat(Stream.of("fix"), Stream.of(args)).toArray(String[]::new);
        int exit = AuditCli.run(command, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Fixed(exit, out.toString(), err.toString());
    }

    private Path repository() throws IOException {
        Path workflows = Files.createDirectories(dir.resolve(".github/workflows"));
        Files.writeString(dir.resolve(FixCommand.DEFAULT_PINS), "{\"actions/checkout\": {\"v4.2.2\": \"" + SHA + "\"}}");
        return Files.writeString(workflows.resolve("ci.yml"), WORKFLOW);
    }

    @Test
    void dryRunPrintsTheDiffAndChangesNothing() throws IOException {
        Path file = repository();

        Fixed dryRun = fix("--dry-run", dir.toString());

        assertThat(dryRun.exit()).as(dryRun.err()).isEqualTo(1);
        assertThat(Files.readString(file)).isEqualTo(WORKFLOW);
        assertThat(dir.resolve(".github/workflows/ci.yml.orig")).doesNotExist();
        assertThat(dryRun.out()).contains("--- a/.github/workflows/ci.yml", "-      - uses: actions/checkout@v4.2.2\r\n",
                "+      - uses: actions/checkout@" + SHA + " # v4.2.2\r\n", "+    timeout-minutes: 30\r\n");
        assertThat(dryRun.err()).contains(".github/workflows/ci.yml:11: not fixed unpinned-uses: `v1` is not a known tag",
                "fixed, 1 not fixed (dry run: nothing written)");
    }

    @Test
    void writeKeepsABackupThatRestoresTheOriginalAndRefusesToReplaceIt() throws IOException {
        Path file = repository();

        Fixed written = fix("--write", "--rule", "unpinned-uses", "--rule", "missing-timeout", "--timeout-minutes", "20",
                dir.toString());

        assertThat(written.exit()).as(written.err()).isEqualTo(1);
        String fixed = Files.readString(file);
        assertThat(fixed).isEqualTo(WORKFLOW.replace("checkout@v4.2.2", "checkout@" + SHA + " # v4.2.2")
                .replace("    runs-on: ubuntu-latest\r\n", "    runs-on: ubuntu-latest\r\n    timeout-minutes: 20\r\n"));
        Path backup = dir.resolve(".github/workflows/ci.yml.orig");
        assertThat(backup).hasContent(WORKFLOW);

        Files.writeString(file, WORKFLOW);
        Fixed refused = fix("--write", dir.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("backup " + backup + " already exists (use --force");
        assertThat(file).hasContent(WORKFLOW);

        assertThat(fix("--write", "--force", "--rule", "missing-timeout", dir.toString()).exit()).isZero();
        assertThat(Files.readString(file)).contains("timeout-minutes: 30\r\n");
        Files.copy(backup, file, StandardCopyOption.REPLACE_EXISTING);
        assertThat(file).hasContent(WORKFLOW);
    }

    @Test
    void badInputIsAUsageError() throws IOException {
        repository();
        assertThat(fix("--rule", "dangerous-triggers", dir.toString()))
                .matches(r -> r.exit() == 2 && r.err().contains("no fix for rule(s) dangerous-triggers"), "refused");
        assertThat(fix("--dry-run", "--write", dir.toString()).exit()).isEqualTo(2);
        Files.writeString(dir.resolve(FixCommand.DEFAULT_PINS), "{\"actions/checkout\": {\"v4\": \"abc\"}}");
        assertThat(fix(dir.toString())).matches(r -> r.exit() == 2 && r.err().contains("is not a full 40-hex commit SHA"), "refused");
    }

    @Test
    void thePinCacheAsksOnlineOnlyForWhatItLacksAndRemembersIt() throws Exception {
        Path cacheFile = dir.resolve("pins.json");
        Files.writeString(cacheFile, "{\"actions/checkout\": {\"v4.2.2\": \"" + SHA + "\"}}");
        StringBuilder asked = new StringBuilder();
        TagResolver online = (owner, repo, tag) -> {
            asked.append(owner).append('/').append(repo).append('@').append(tag).append(' ');
            return tag.equals("v2") ? Optional.of("0a1b2c3d4e5f60718293a4b5c6d7e8f901234567") : Optional.empty();
        };
        PinCache cache = PinCache.load(cacheFile, Optional.of(online));

        assertThat(cache.commitSha("Actions", "Checkout", "v4.2.2")).contains(SHA);
        assertThat(cache.commitSha("some-org", "lint", "v2")).contains("0a1b2c3d4e5f60718293a4b5c6d7e8f901234567");
        assertThat(cache.commitSha("some-org", "lint", "v9")).isEmpty();
        assertThat(asked.toString()).isEqualTo("some-org/lint@v2 some-org/lint@v9 ");
        cache.save();

        PinCache reread = PinCache.load(cacheFile, Optional.empty());
        assertThat(reread.commitSha("some-org", "lint", "v2")).contains("0a1b2c3d4e5f60718293a4b5c6d7e8f901234567");
        assertThat(reread.commitSha("actions", "checkout", "v4.2.2")).contains(SHA);
        assertThat(reread.commitSha("some-org", "lint", "v9")).isEmpty();
    }
}
