package dev.tokenwarden.auditor.domain.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class YamlLoaderTest {

    private final YamlLoader loader = new YamlLoader(YamlLimits.defaults());

    private YamlNode load(String yaml) throws YamlInputException {
        return loader.load("w.yml", yaml.getBytes(StandardCharsets.UTF_8)).root();
    }

    @Test
    void keepsOnAsAStringKeyAndPositionsOfEveryNode() throws Exception {
        YamlMapping root = (YamlMapping) load("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n");
        assertThat(root.entries().getFirst().key().value()).isEqualTo("on");
        YamlMapping build = root.mapping("jobs").orElseThrow().mapping("build").orElseThrow();
        assertThat(build.position()).isEqualTo(new Position(4, 5));
        assertThat(build.scalar("runs-on").orElseThrow().position()).isEqualTo(new Position(4, 14));
        assertThat(root.entry("jobs").orElseThrow().value().position().line()).isEqualTo(3);
    }

    @Test
    void rejectsDuplicateKeysWithBothLines() {
        assertThatThrownBy(() -> load("on: push\njobs: {}\non: pull_request\n"))
                .isInstanceOf(YamlInputException.class)
                .hasMessage("duplicate key 'on' (first at line 1)")
                .satisfies(e -> assertThat(((YamlInputException) e).position()).contains(new Position(3, 1)));
    }

    @Test
    void rejectsAFileAboveTheSizeLimitBeforeParsing() {
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(tenMegabytes, (byte) 'a');
        assertThatThrownBy(() -> loader.load("big.yml", tenMegabytes))
                .hasMessage("file is 10485760 bytes, above the limit of 1048576 bytes");
    }

    @Test
    void stopsAnAliasBomb() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'k'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ", ").append('*').append(previous);
            }
            bomb.append("]\n");
            previous = c;
        }
        assertThatThrownBy(() -> load(bomb.toString()))
                .isInstanceOf(YamlInputException.class)
                .hasMessageContaining("aliases");
    }

    @Test
    void stopsAliasExpansionPastTheNodeBudgetEvenUnderTheAliasLimit() {
        YamlLoader small = new YamlLoader(new YamlLimits(1 << 20, 100, 64, 1000));
        String yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                + "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n";
        assertThatThrownBy(() -> small.load("w.yml", yaml.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("more than 1000 nodes");
    }

    @Test
    void reportsAnAliasCycle() {
        assertThatThrownBy(() -> load("a: &a [1, *a]\n"))
                .isInstanceOf(YamlInputException.class)
                .hasMessageContaining("alias cycle");
    }

    @Test
    void stopsDeepNestingBeforeTheStackDoes() {
        String deep = "[".repeat(50_000) + "]".repeat(50_000);
        assertThatThrownBy(() -> load(deep)).hasMessageContaining("nesting deeper than 64 levels");
    }

    @Test
    void reportsBinaryJunkAsNotText() {
        byte[] junk = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d};
        assertThatThrownBy(() -> loader.load("logo.png", junk)).hasMessage("not a text file: NUL byte at offset 8");
        byte[] latin1 = {'a', ':', ' ', (byte) 0xe9, '\n'};
        assertThatThrownBy(() -> loader.load("w.yml", latin1)).hasMessage("not a UTF-8 text file");
    }

    @Test
    void reportsSyntaxErrorsWithTheirPositionAndNoSourceText() {
        assertThatThrownBy(() -> load("jobs:\n  build: [unclosed\n"))
                .isInstanceOf(YamlInputException.class)
                .hasMessageStartingWith("invalid YAML: ")
                .satisfies(e -> assertThat(((YamlInputException) e).position()).isPresent());
    }

    @Test
    void reportsAnEmptyFile() {
        assertThatThrownBy(() -> load("# nothing here\n")).hasMessage("file is empty: no YAML document");
    }

    @Test
    void findsPositionsInsideALiteralBlock() throws Exception {
        String yaml = "run: |\n  echo one\n  echo ${{ two }}\n";
        var loaded = loader.load("w.yml", yaml.getBytes(StandardCharsets.UTF_8));
        YamlScalar run = ((YamlMapping) loaded.root()).scalar("run").orElseThrow();
        int offset = run.value().indexOf("${{");
        assertThat(loaded.source().positionOf(run, offset)).isEqualTo(new Position(3, 8));
    }
}
