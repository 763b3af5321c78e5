package dev.tokenwarden.auditor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

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

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return AuditCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path repository() throws IOException {
        Path workflows = Files.createDirectories(dir.resolve(".github/workflows"));
        Files.writeString(dir.resolve(FixCommand.DEFAULT_PINS), "{\"actions/checkout\": {\"v4.2.2\": \"" + SHA + "\"}}");
        return Files.writeString(workflows.resolve("ci.yml"), WORKFLOW);
    }

    @Test
    void dryRunPrintsTheDiffAndChangesNothing() throws IOException {
        Path file = repository();

        int exit = run("fix", "--dry-run", dir.toString());

        assertThat(exit).as(err.toString()).isEqualTo(1);
        assertThat(Files.readString(file)).isEqualTo(WORKFLOW);
        assertThat(dir.resolve(".github/workflows/ci.yml.orig")).doesNotExist();
        assertThat(out.toString()).contains("--- a/.github/workflows/ci.yml", "-      - uses: actions/checkout@v4.2.2\r\n",
                "+      - uses: actions/checkout@" + SHA + " # v4.2.2\r\n", "+    timeout-minutes: 30\r\n");
        assertThat(err.toString()).contains(".github/workflows/ci.yml:11: not fixed unpinned-uses: `v1` is not a known tag",
                "fixed, 1 not fixed (dry run: nothing written)");
    }

    @Test
    void writeKeepsABackupThatRestoresTheOriginalAndRefusesToReplaceIt() throws IOException {
        Path file = repository();

        int exit = run("fix", "--write", "--rule", "unpinned-uses", "--rule", "missing-timeout", "--timeout-minutes", "20",
                dir.toString());

        assertThat(exit).as(err.toString()).isEqualTo(1);
        String fixed = Files.readString(file);
        assertThat(fixed).isEqualTo(WORKFLOW.replace("checkout@v4.2.2", "checkout@" + SHA + " # v4.2.2")
                .replace("    runs-on: ubuntu-latest\r\n", "    runs-on: ubuntu-latest\r\n    timeout-minutes: 20\r\n"));
        Path backup = dir.resolve(".github/workflows/ci.yml.orig");
        assertThat(backup).hasContent(WORKFLOW);

        Files.writeString(file, WORKFLOW);
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertThat(run("fix", "--write", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("backup " + backup + " already exists (use --force");
        assertThat(file).hasContent(WORKFLOW);

        assertThat(run("fix", "--write", "--force", "--rule", "missing-timeout", dir.toString())).isZero();
        assertThat(Files.readString(file)).contains("timeout-minutes: 30\r\n");
        Files.copy(backup, file, StandardCopyOption.REPLACE_EXISTING);
        assertThat(file).hasContent(WORKFLOW);
    }

    @Test
    void badInputIsAUsageError() throws IOException {
        repository();
        assertThat(run("fix", "--rule", "dangerous-triggers", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no fix for rule(s) dangerous-triggers");
        assertThat(run("fix", "--dry-run", "--write", dir.toString())).isEqualTo(2);
        Files.writeString(dir.resolve(FixCommand.DEFAULT_PINS), "{\"actions/checkout\": {\"v4\": \"abc\"}}");
        assertThat(run("fix", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is not a full 40-hex commit SHA");
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
