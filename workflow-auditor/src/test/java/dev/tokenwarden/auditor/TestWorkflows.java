package dev.tokenwarden.auditor;

/** Workflows the service tests scan, written once so every test means the same thing by them. */
public final class TestWorkflows {
    /** A tidy privileged job (its trigger's own dangerous-triggers finding silenced), up to its steps. */
    private static final String PULL_REQUEST_TARGET_JOB = """
            on: pull_request_target # tokenwarden: ignore[dangerous-triggers]
            permissions: {}
            jobs:
              greet:
                runs-on: ubuntu-latest
                timeout-minutes: 5
                steps:
            """;

    /**
     * Otherwise tidy, but expands the attacker-controlled pull request title into a shell: one injection finding
     * (the trigger's own dangerous-triggers finding is silenced, so the tests see only the injection).
     */
    public static final String TITLE_INJECTION = PULL_REQUEST_TARGET_JOB + """
                  - run: echo "${{ github.event.pull_request.title }}"
            """;

    /** {@link #TITLE_INJECTION} fixed: the title reaches the shell through an environment variable, not the script. */
    public static final String TITLE_THROUGH_ENV = PULL_REQUEST_TARGET_JOB + """
                  - run: echo "$TITLE"
                    env:
                      TITLE: ${{ github.event.pull_request.title }}
            """;

    /** Tidy but for its one job's missing {@code timeout-minutes} (line 4): one missing-timeout finding, which has a fix. */
    public static final String NO_TIMEOUT = """
            on: push
            permissions: {}
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - run: make
            """;

    /** A composite action that expands its {@code who} input into a shell (line 8). */
    public static final String GREET_ACTION = """
            name: greet
            inputs:
              who: {}
            runs:
              using: composite
              steps:
                - shell: bash
                  run: echo "hello ${{ inputs.who }}"
            """;

    /** Passes the pull request title (line 10) to the action {@code uses} names, such as {@link #GREET_ACTION}. */
    public static String titleIntoAction(String uses) {
        return PULL_REQUEST_TARGET_JOB + """
                      - uses: %s
                        with:
                          who: ${{ github.event.pull_request.title }}
                """.formatted(uses);
    }

    private TestWorkflows() {
    }
}
