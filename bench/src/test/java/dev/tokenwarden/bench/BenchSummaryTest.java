package dev.tokenwarden.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
