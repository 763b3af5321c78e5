package dev.tokenwarden.auditor.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tokenwarden.auditor.domain.expr.ContextPath;
import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.model.WorkflowReader;
import dev.tokenwarden.auditor.domain.yaml.YamlLimits;
import dev.tokenwarden.auditor.domain.yaml.YamlLoader;

/** The table's grammar, its consistency, and how a source is classified under a workflow's events. */
class TaintModelTest {

    private static final String TABLE = """
            group pr pull_request pull_request_target
            trigger pull_request_target high dangerous outsider
            trigger pull_request medium outsider
            trigger push high
            trigger workflow_call high inherits outsider
            source github.head_ref @pr=high
            source github.event.head_commit.message push=medium
            source github.event.pull_request.title @pr=high
            """;

    @Test
    void theBundledTableLoadsAndNamesTheDangerousTriggers() {
        TaintModel model = TaintModel.bundled();
        assertThat(List.of("pull_request_target", "workflow_run", "issue_comment"))
                .allMatch(event -> model.trigger(event).map(TaintModel.Trigger::dangerous).orElse(false));
        assertThat(model.trigger("pull_request").map(TaintModel.Trigger::dangerous)).contains(false);
    }

    @Test
    void aSourceIsClassifiedByTheWorkflowsEvents() throws Exception {
        TaintModel model = TaintModel.parse(TABLE);
        ContextPath headRef = ContextPath.of("github.head_ref");

        assertThat(model.source(headRef, workflow("on: pull_request_target"))).hasValueSatisfying(t -> {
            assertThat(t.severity()).isEqualTo(Severity.HIGH);
            assertThat(t.confidence()).isEqualTo(Confidence.HIGH);
        });
        assertThat(model.source(headRef, workflow("on: pull_request"))).hasValueSatisfying(t ->
                assertThat(t.severity()).isEqualTo(Severity.MEDIUM));
        assertThat(model.source(headRef, workflow("on: push"))).hasValueSatisfying(t ->
                assertThat(t.confidence()).isEqualTo(Confidence.LOW));
        assertThat(model.source(headRef, workflow("on: workflow_call"))).hasValueSatisfying(t ->
                assertThat(t.confidence()).isEqualTo(Confidence.MEDIUM));
        assertThat(model.source(ContextPath.of("github.event"), workflow("on: pull_request"))).hasValueSatisfying(t ->
                assertThat(t.confidence()).isEqualTo(Confidence.MEDIUM));
        assertThat(model.source(ContextPath.of("github.sha"), workflow("on: pull_request_target"))).isEmpty();
    }

    @Test
    void aTableThatNamesAnUndeclaredEventOrKindIsRejectedWithItsLine() {
        assertThatThrownBy(() -> TaintModel.parse("trigger push high\nsource github.head_ref pull_request=high\n"))
                .hasMessage("taint-model.txt line 2: event 'pull_request' has no trigger line");
        assertThatThrownBy(() -> TaintModel.parse("sinks actions/github-script script\n"))
                .hasMessage("taint-model.txt line 1: unknown kind 'sinks'");
        assertThatThrownBy(() -> TaintModel.parse("trigger push high\nsource github.head_ref push\n"))
                .hasMessageContaining("expected <events>=<confidence>");
    }

    private static Workflow workflow(String on) throws Exception {
        String text = on + "\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: true\n";
        YamlLoader.Loaded loaded = new YamlLoader(YamlLimits.defaults()).load("w.yml", text.getBytes(StandardCharsets.UTF_8));
        return WorkflowReader.read(loaded.root(), loaded.source());
    }
}
