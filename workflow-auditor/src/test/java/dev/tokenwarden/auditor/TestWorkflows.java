package dev.tokenwarden.auditor;

/** Workflows the service tests scan, written once so every test means the same thing by them. */
public final class TestWorkflows {
    /**
     * Otherwise tidy, but expands the attacker-controlled pull request title into a shell: one injection finding
     * (the trigger's own dangerous-triggers finding is silenced, so the tests see only the injection).
     */
    public static final String TITLE_INJECTION = """
            on: pull_request_target # tokenwarden: ignore[dangerous-triggers]
            permissions: {}
            jobs:
              greet:
                runs-on: ubuntu-latest
                timeout-minutes: 5
                steps:
                  - run: echo "${{ github.event.pull_request.title }}"
            """;

    private TestWorkflows() {
    }
}
