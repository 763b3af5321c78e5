package dev.tokenwarden.bench.pipeline;

/**
 * The organisation's workflows: three shapes taken in turn, of the size real ones have (a CI build, a release with a
 * pinned and an unpinned action, an issue triage that interpolates an issue title into a script: a finding). Each
 * file's name holds its repository and index, so no two files share a blob: a first scan gains nothing from the
 * auditor's blob cache (the worst case; real organisations copy templates between repositories).
 */
final class Workflows {
    private Workflows() {
    }

    static String workflow(int repository, int index) {
        return switch ((repository + index) % 3) {
            case 0 -> """
                    name: ci-%d-%d
                    on:
                      push:
                        branches: [main]
                      pull_request:
                    permissions:
                      contents: read
                    jobs:
                      build:
                        runs-on: ubuntu-latest
                        timeout-minutes: 20
                        steps:
                          - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
                          - uses: actions/setup-java@c5195efecf7bdfc987ee8bae7a71cb8b11521c00
                            with:
                              distribution: temurin
                              java-version: '21'
                          - run: ./mvnw -B verify
                    """.formatted(repository, index);
            case 1 -> """
                    name: release-%d-%d
                    on:
                      push:
                        tags: ['v*']
                    permissions:
                      contents: write
                    jobs:
                      release:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: actions/checkout@v4
                          - uses: softprops/action-gh-release@v2
                            with:
                              files: dist/*
                    """.formatted(repository, index);
            default -> """
                    name: triage-%d-%d
                    on:
                      issues:
                        types: [opened]
                    jobs:
                      label:
                        runs-on: ubuntu-latest
                        steps:
                          - run: echo "${{ github.event.issue.title }}" | ./label.sh
                    """.formatted(repository, index);
        };
    }
}
