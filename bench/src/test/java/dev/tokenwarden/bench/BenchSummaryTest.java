package dev.tokenwarden.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchSummaryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode run(double ready, double rss) throws Exception {
        return JSON.readTree(new BenchFigures("FootprintBench")
                .add("ready", "start to ready", "ms", ready, BenchFigures.Aim.below(1500))
                .add("rss", "RSS idle", "MiB", rss)
                .note("a \"quoted\" note").toJson());
    }

    @Test
    void aggregatesEachFigureOverTheRunsAndJudgesItsAimOnTheMedian() throws Exception {
        List<BenchSummary.Aggregate> figures = BenchSummary.aggregate(List.of(run(1200, 150.5), run(1800, 140), run(1700, 160)));

        BenchSummary.Aggregate ready = figures.get(0);
        assertThat(ready.id()).isEqualTo("ready");
        assertThat(ready.median()).isEqualTo(1700);
        assertThat(ready.min()).isEqualTo(1200);
        assertThat(ready.max()).isEqualTo(1800);
        assertThat(ready.verdict()).isEqualTo("missed by 200 ms (13.3 %)");
        assertThat(figures.get(1).median()).isEqualTo(150.5);
        assertThat(figures.get(1).verdict()).isEmpty();
    }

    @Test
    void aMedianOnTheRightSideOfTheAimMeetsIt() throws Exception {
        assertThat(BenchSummary.aggregate(List.of(run(900, 1), run(1000, 1))).get(0).verdict()).isEqualTo("met");
    }

    @Test
    void aReportWithBenchesAddedLaterSaysWhenAndAtWhichCommitEachWasAdded(@TempDir Path results) throws Exception {
        Path raw = Files.createDirectories(results.resolve("raw"));
        Files.writeString(raw.resolve("FootprintBench-1.json"), run(1200, 150.5).toString());
        Files.writeString(raw.resolve("PipelineBench-1.json"), new BenchFigures("pipeline").add("delay", "due to rotated", "ms", 600).toJson());
        Files.writeString(raw.resolve("PipelineBench-2026-12-07T120000Z.json"), new BenchFigures("pipeline").add("delay", "due to rotated", "ms", 9).toJson());
        Files.writeString(raw.resolve("context.properties"), """
                commit=abc1234
                runs=3
                added.PipelineBench=1 run(s) at commit def5678, load average 0.5 0.4 0.3 at the start
                """);

        BenchSummary.main(new String[] {results.toString(), "FootprintBench", "PipelineBench"});

        String markdown = Files.readString(results.resolve("latest.md"));
        assertThat(markdown).contains("commit abc1234")
                .contains("- Added later (`bench/run --add`): PipelineBench, 1 run(s) at commit def5678, load average 0.5 0.4 0.3 at the start")
                .contains("| due to rotated | 600 ms | 600–600 | 1 |");
        assertThat(JSON.readTree(results.resolve("latest.json").toFile()).path("added").path("PipelineBench").asText()).startsWith("1 run(s)");
    }
}
