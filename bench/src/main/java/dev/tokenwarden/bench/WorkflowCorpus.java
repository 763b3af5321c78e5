package dev.tokenwarden.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Writes GitHub Actions workflows for the auditor benchmark, the same files for the same seed: a corpus of
 * repositories ({@code corpus/repo-NNN/.github/workflows/*.yml}, some with composite actions under
 * {@code .github/actions/}) and one fuller repository ({@code repository/}). Every repository builds one
 * ecosystem (Maven, Gradle, npm, pnpm, pip, Poetry, Go, Cargo, .NET, Bundler, Composer, Mix, CMake) and
 * has CI plus a draw of release, deploy, matrix, scheduled, reusable-workflow, container, docs and
 * pull-request automation workflows. About one workflow in five carries one of the mistakes the auditor
 * and zizmor look for (a tag instead of a commit SHA, no permissions, an attacker-controlled expression in
 * a script, a fork's code checked out under pull_request_target, ...); the rest are written carefully.
 *
 * <p>Usage: {@code WorkflowCorpus OUTPUT_DIR [MIN_WORKFLOWS] [SEED]} (defaults 1000 and 20261122).
 */
public final class WorkflowCorpus {

    /** What the generator wrote. */
    public record Summary(int repositories, int workflows, int actions, int flawed) {
    }

    private static final int DEFAULT_MIN_WORKFLOWS = 1_000;
    private static final long DEFAULT_SEED = 20261122L;

    private enum Flaw {
        NONE, UNPINNED_TAGS, NO_PERMISSIONS, WRITE_ALL, NO_TIMEOUTS, HEAD_REF_IN_SCRIPT, TITLE_IN_SCRIPT,
        SECRET_ECHOED, XTRACE_WITH_SECRET, UNSECURE_COMMANDS, IMAGE_WITHOUT_DIGEST, BOT_ACTOR_CHECK, PERSISTED_CHECKOUT
    }

    private record Ecosystem(String name, List<String> setup, List<String> versions, String matrixKey, String install,
            String build, String test, String lint, String publishSecret, String publish, String artifactPath) {
    }

    private static final List<Ecosystem> ECOSYSTEMS = List.of(
            new Ecosystem("maven", List.of("actions/setup-java|distribution: temurin|java-version: ${{ matrix.java }}|cache: maven"),
                    List.of("'17'", "'21'", "'25'"), "java", "./mvnw -B -ntp dependency:go-offline",
                    "./mvnw -B -ntp -DskipTests package", "./mvnw -B -ntp verify", "./mvnw -B -ntp spotless:check",
                    "CENTRAL_TOKEN", "./mvnw -B -ntp -P release deploy", "target/*.jar"),
            new Ecosystem("gradle", List.of("actions/setup-java|distribution: temurin|java-version: ${{ matrix.java }}",
                    "gradle/actions/setup-gradle"), List.of("'17'", "'21'"), "java", "./gradlew --version",
                    "./gradlew assemble", "./gradlew check", "./gradlew spotlessCheck", "GRADLE_PUBLISH_KEY",
                    "./gradlew publishPlugins", "build/libs/"),
            new Ecosystem("npm", List.of("actions/setup-node|node-version: ${{ matrix.node }}|cache: npm"),
                    List.of("20", "22", "24"), "node", "npm ci", "npm run build", "npm test -- --ci",
                    "npm run lint", "NPM_TOKEN", "npm publish --provenance --access public", "dist/"),
            new Ecosystem("pnpm", List.of("pnpm/action-setup|version: 9", "actions/setup-node|node-version: ${{ matrix.node }}|cache: pnpm"),
                    List.of("20", "22"), "node", "pnpm install --frozen-lockfile", "pnpm build", "pnpm test",
                    "pnpm lint", "NPM_TOKEN", "pnpm publish --no-git-checks", "packages/*/dist/"),
            new Ecosystem("pip", List.of("actions/setup-python|python-version: ${{ matrix.python }}|cache: pip"),
                    List.of("'3.10'", "'3.11'", "'3.12'", "'3.13'"), "python", "python -m pip install -e '.[test]'",
                    "python -m build", "python -m pytest -q", "ruff check . && ruff format --check .", "PYPI_API_TOKEN",
                    "python -m twine upload dist/*", "dist/"),
            new Ecosystem("poetry", List.of("actions/setup-python|python-version: ${{ matrix.python }}",
                    "snok/install-poetry|virtualenvs-in-project: true"), List.of("'3.11'", "'3.12'"), "python",
                    "poetry install --no-interaction", "poetry build", "poetry run pytest", "poetry run mypy src",
                    "POETRY_PYPI_TOKEN", "poetry publish --build", "dist/"),
            new Ecosystem("go", List.of("actions/setup-go|go-version: ${{ matrix.go }}"), List.of("'1.23'", "'1.24'"),
                    "go", "go mod download", "go build ./...", "go test -race -count=1 ./...", "go vet ./...",
                    "GORELEASER_KEY", "goreleaser release --clean", "dist/"),
            new Ecosystem("cargo", List.of("dtolnay/rust-toolchain|toolchain: ${{ matrix.rust }}|components: clippy, rustfmt",
                    "Swatinem/rust-cache"), List.of("stable", "beta", "'1.82'"), "rust", "cargo fetch --locked",
                    "cargo build --locked --release", "cargo test --locked --all-features",
                    "cargo clippy --all-targets -- -D warnings", "CARGO_REGISTRY_TOKEN", "cargo publish --locked",
                    "target/release/"),
            new Ecosystem("dotnet", List.of("actions/setup-dotnet|dotnet-version: ${{ matrix.dotnet }}"),
                    List.of("'8.0.x'", "'9.0.x'"), "dotnet", "dotnet restore", "dotnet build --no-restore -c Release",
                    "dotnet test --no-build -c Release", "dotnet format --verify-no-changes", "NUGET_API_KEY",
                    "dotnet nuget push '**/*.nupkg' --source https://api.nuget.org/v3/index.json --api-key \"$NUGET_API_KEY\"",
                    "bin/Release/"),
            new Ecosystem("bundler", List.of("ruby/setup-ruby|ruby-version: ${{ matrix.ruby }}|bundler-cache: true"),
                    List.of("'3.2'", "'3.3'", "'3.4'"), "ruby", "bundle config set frozen true", "bundle exec rake build",
                    "bundle exec rake test", "bundle exec rubocop", "RUBYGEMS_API_KEY", "gem push pkg/*.gem", "pkg/"),
            new Ecosystem("composer", List.of("shivammathur/setup-php|php-version: ${{ matrix.php }}|coverage: none"),
                    List.of("'8.2'", "'8.3'", "'8.4'"), "php", "composer install --no-progress --prefer-dist",
                    "composer dump-autoload -o", "vendor/bin/phpunit", "vendor/bin/phpstan analyse", "PACKAGIST_TOKEN",
                    "composer archive --format=zip", "build/"),
            new Ecosystem("mix", List.of("erlef/setup-beam|otp-version: '27'|elixir-version: ${{ matrix.elixir }}"),
                    List.of("'1.17'", "'1.18'"), "elixir", "mix deps.get", "mix compile --warnings-as-errors",
                    "mix test", "mix format --check-formatted", "HEX_API_KEY", "mix hex.publish --yes", "_build/"),
            new Ecosystem("cmake", List.of(), List.of("ubuntu-24.04", "macos-14", "windows-2022"), "os",
                    "cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release", "cmake --build build --parallel",
                    "ctest --test-dir build --output-on-failure", "cmake --build build --target format-check",
                    "CONAN_PASSWORD", "conan upload '*' --remote=internal --confirm", "build/bin/"));

    /** Actions at the releases the corpus pins; the commit SHA is derived from name and release, as a stand-in. */
    private static final Map<String, String> RELEASES = releases();

    private static Map<String, String> releases() {
        Map<String, String> releases = new LinkedHashMap<>();
        releases.put("actions/checkout", "v4.2.2");
        releases.put("actions/setup-java", "v4.7.1");
        releases.put("actions/setup-node", "v4.4.0");
        releases.put("actions/setup-python", "v5.6.0");
        releases.put("actions/setup-go", "v5.5.0");
        releases.put("actions/setup-dotnet", "v4.3.1");
        releases.put("actions/cache", "v4.2.3");
        releases.put("actions/upload-artifact", "v4.6.2");
        releases.put("actions/download-artifact", "v4.3.0");
        releases.put("actions/github-script", "v7.0.1");
        releases.put("actions/labeler", "v5.0.0");
        releases.put("actions/stale", "v9.1.0");
        releases.put("actions/dependency-review-action", "v4.7.1");
        releases.put("actions/configure-pages", "v5.0.0");
        releases.put("actions/upload-pages-artifact", "v3.0.1");
        releases.put("actions/deploy-pages", "v4.0.5");
        releases.put("actions/create-github-app-token", "v2.0.6");
        releases.put("actions/attest-build-provenance", "v2.3.0");
        releases.put("github/codeql-action/init", "v3.29.0");
        releases.put("github/codeql-action/autobuild", "v3.29.0");
        releases.put("github/codeql-action/analyze", "v3.29.0");
        releases.put("github/codeql-action/upload-sarif", "v3.29.0");
        releases.put("gradle/actions/setup-gradle", "v4.4.1");
        releases.put("pnpm/action-setup", "v4.1.0");
        releases.put("snok/install-poetry", "v1.4.1");
        releases.put("dtolnay/rust-toolchain", "v1");
        releases.put("Swatinem/rust-cache", "v2.7.8");
        releases.put("ruby/setup-ruby", "v1.245.0");
        releases.put("shivammathur/setup-php", "v2.34.1");
        releases.put("erlef/setup-beam", "v1.20.1");
        releases.put("docker/setup-buildx-action", "v3.11.1");
        releases.put("docker/login-action", "v3.4.0");
        releases.put("docker/metadata-action", "v5.7.0");
        releases.put("docker/build-push-action", "v6.18.0");
        releases.put("sigstore/cosign-installer", "v3.9.1");
        releases.put("aws-actions/configure-aws-credentials", "v4.2.1");
        releases.put("azure/login", "v2.3.0");
        releases.put("google-github-actions/auth", "v2.1.10");
        releases.put("hashicorp/setup-terraform", "v3.1.2");
        releases.put("azure/setup-helm", "v4.3.0");
        releases.put("golangci/golangci-lint-action", "v8.0.0");
        releases.put("goreleaser/goreleaser-action", "v6.3.0");
        releases.put("pypa/gh-action-pypi-publish", "v1.12.4");
        releases.put("softprops/action-gh-release", "v2.3.2");
        releases.put("codecov/codecov-action", "v5.4.3");
        releases.put("peter-evans/create-pull-request", "v7.0.8");
        releases.put("amannn/action-semantic-pull-request", "v5.5.3");
        releases.put("lycheeverse/lychee-action", "v2.4.1");
        releases.put("ossf/scorecard-action", "v2.4.2");
        releases.put("benchmark-action/github-action-benchmark", "v1.20.4");
        return releases;
    }

    private static final String[] DEPLOY_TARGETS = {"aws", "azure", "gcp", "kubernetes"};
    private static final String[] CRONS = {"17 3 * * *", "0 6 * * 1", "43 1 * * 1-5", "5 22 * * 0", "30 4 1 * *"};
    private static final String[] BRANCHES = {"main", "master", "trunk", "develop"};

    private final Random random;
    private final MessageDigest sha1;
    private int workflows;
    private int actions;
    private int flawed;

    private WorkflowCorpus(long seed) {
        this.random = new Random(seed);
        try {
            this.sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: WorkflowCorpus OUTPUT_DIR [MIN_WORKFLOWS] [SEED]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int minWorkflows = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_MIN_WORKFLOWS;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : DEFAULT_SEED;
        Summary corpus = writeCorpus(out.resolve("corpus"), minWorkflows, seed);
        Summary repository = writeRepository(out.resolve("repository"), seed);
        System.out.printf("corpus: %d repositories, %d workflows, %d composite actions, %d workflows with a planted mistake%n",
                corpus.repositories(), corpus.workflows(), corpus.actions(), corpus.flawed());
        System.out.printf("repository: %d workflows, %d composite actions, %d with a planted mistake%n",
                repository.workflows(), repository.actions(), repository.flawed());
    }

    /** Repositories until at least {@code minWorkflows} workflows are written; replaces what the folder held. */
    public static Summary writeCorpus(Path dir, int minWorkflows, long seed) throws IOException {
        clear(dir);
        WorkflowCorpus generator = new WorkflowCorpus(seed);
        int repositories = 0;
        while (generator.workflows < minWorkflows) {
            repositories++;
            generator.repository(dir.resolve("repo-%03d".formatted(repositories)), false);
        }
        return new Summary(repositories, generator.workflows, generator.actions, generator.flawed);
    }

    /** One repository with every kind of workflow the generator knows (about 15) and two composite actions. */
    public static Summary writeRepository(Path dir, long seed) throws IOException {
        clear(dir);
        WorkflowCorpus generator = new WorkflowCorpus(seed + 1);
        generator.repository(dir, true);
        return new Summary(1, generator.workflows, generator.actions, generator.flawed);
    }

    private static void clear(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(dir);
    }

    /** What every workflow of one repository shares. */
    private record Repo(String name, Ecosystem eco, String branch, boolean container, String deployTarget, boolean localAction) {
    }

    private void repository(Path root, boolean complete) throws IOException {
        Ecosystem eco = complete ? ECOSYSTEMS.get(0) : pick(ECOSYSTEMS);
        Repo repo = new Repo(root.getFileName().toString(), eco, complete ? "main" : pick(BRANCHES),
                complete || random.nextInt(3) == 0, pick(DEPLOY_TARGETS), complete || random.nextInt(4) == 0);
        Path workflowsDir = root.resolve(".github/workflows");
        Files.createDirectories(workflowsDir);
        write(workflowsDir.resolve("ci.yml"), ci(repo, flaw(complete)));
        List<String> kinds = new ArrayList<>(List.of("lint", "release", "deploy", "nightly", "reusable", "codeql",
                "dependency-review", "docs", "labeler", "pr-title", "stale", "benchmark", "scorecard", "comment-command"));
        if (repo.container()) {
            kinds.add("container");
        }
        int count = complete ? kinds.size() : 4 + random.nextInt(8);
        while (kinds.size() > count) {
            kinds.remove(random.nextInt(kinds.size()));
        }
        for (String kind : kinds) {
            Flaw flaw = flaw(complete);
            switch (kind) {
                case "lint" -> write(workflowsDir.resolve("lint.yml"), lint(repo, flaw));
                case "release" -> write(workflowsDir.resolve("release.yml"), release(repo, flaw));
                case "deploy" -> write(workflowsDir.resolve("deploy.yml"), deploy(repo, flaw));
                case "nightly" -> write(workflowsDir.resolve("nightly.yml"), nightly(repo, flaw));
                case "reusable" -> {
                    write(workflowsDir.resolve("reusable-build.yml"), reusableBuild(repo, flaw));
                    write(workflowsDir.resolve("integration.yml"), reusableCaller(repo, flaw(complete)));
                }
                case "codeql" -> write(workflowsDir.resolve("codeql.yml"), codeql(repo, flaw));
                case "dependency-review" -> write(workflowsDir.resolve("dependency-review.yml"), dependencyReview(flaw));
                case "docs" -> write(workflowsDir.resolve("docs.yml"), docs(repo, flaw));
                case "labeler" -> write(workflowsDir.resolve("labeler.yml"), labeler(flaw));
                case "pr-title" -> write(workflowsDir.resolve("pr-title.yml"), prTitle(flaw));
                case "stale" -> write(workflowsDir.resolve("stale.yml"), stale(flaw));
                case "benchmark" -> write(workflowsDir.resolve("benchmark.yml"), benchmark(repo, flaw));
                case "scorecard" -> write(workflowsDir.resolve("scorecard.yml"), scorecard(repo, flaw));
                case "comment-command" -> write(workflowsDir.resolve("comment-command.yml"), commentCommand(repo, flaw));
                case "container" -> write(workflowsDir.resolve("container.yml"), container(repo, flaw));
                default -> throw new IllegalStateException(kind);
            }
        }
        if (repo.localAction()) {
            Path action = root.resolve(".github/actions/setup/action.yml");
            Files.createDirectories(action.getParent());
            Files.writeString(action, setupAction(repo), StandardCharsets.UTF_8);
            actions++;
            if (complete) {
                Path summary = root.resolve(".github/actions/test-summary/action.yml");
                Files.createDirectories(summary.getParent());
                Files.writeString(summary, summaryAction(), StandardCharsets.UTF_8);
                actions++;
            }
        }
    }

    private void write(Path file, Doc doc) throws IOException {
        Files.writeString(file, doc.text(), StandardCharsets.UTF_8);
        workflows++;
        if (doc.flaw != Flaw.NONE) {
            flawed++;
        }
    }

    /** About one workflow in five gets a mistake; the complete repository is a careful one, with two. */
    private Flaw flaw(boolean complete) {
        if (complete) {
            return workflows == 3 ? Flaw.NO_TIMEOUTS : workflows == 8 ? Flaw.HEAD_REF_IN_SCRIPT : Flaw.NONE;
        }
        if (random.nextInt(5) != 0) {
            return Flaw.NONE;
        }
        Flaw[] flaws = Flaw.values();
        return flaws[1 + random.nextInt(flaws.length - 1)];
    }

    // ---- workflows ----

    private Doc ci(Repo repo, Flaw flaw) {
        Doc d = new Doc(flaw);
        boolean matrix = random.nextBoolean();
        d.line(0, "name: CI");
        d.line(0, "on:");
        d.line(1, "push:");
        d.line(2, "branches: [" + repo.branch() + "]");
        if (random.nextBoolean()) {
            d.line(2, "paths-ignore: ['**.md', 'docs/**']");
        }
        d.line(1, "pull_request:");
        if (random.nextBoolean()) {
            d.line(2, "types: [opened, synchronize, reopened]");
        }
        d.permissions(0, "contents: read");
        d.line(0, "concurrency:");
        d.line(1, "group: ${{ github.workflow }}-${{ github.ref }}");
        d.line(1, "cancel-in-progress: ${{ github.event_name == 'pull_request' }}");
        if (random.nextBoolean()) {
            d.line(0, "env:");
            d.line(1, "CI: true");
            d.line(1, "TZ: UTC");
        }
        d.line(0, "jobs:");
        d.line(1, "build:");
        d.line(2, matrix ? "name: build (${{ matrix." + repo.eco().matrixKey() + " }})" : "name: build");
        d.line(2, "runs-on: " + (repo.eco().matrixKey().equals("os") && matrix ? "${{ matrix.os }}" : "ubuntu-24.04"));
        d.timeout(2, 20 + 5 * random.nextInt(7));
        if (matrix) {
            d.line(2, "strategy:");
            d.line(3, "fail-fast: false");
            d.line(3, "matrix:");
            d.line(4, repo.eco().matrixKey() + ": [" + String.join(", ", repo.eco().versions()) + "]");
            if (random.nextInt(3) == 0 && !repo.eco().matrixKey().equals("os")) {
                d.line(4, "include:");
                d.line(5, "- " + repo.eco().matrixKey() + ": " + repo.eco().versions().get(0));
                d.line(6, "experimental: true");
            }
        } else if (random.nextInt(3) == 0) {
            d.line(2, "services:");
            d.line(3, "postgres:");
            d.line(4, "image: " + d.image("postgres", "16.4"));
            d.line(4, "env:");
            d.line(5, "POSTGRES_PASSWORD: ${{ secrets.CI_DB_PASSWORD }}");
            d.line(4, "ports: ['5432:5432']");
            d.line(4, "options: >-");
            d.line(5, "--health-cmd pg_isready --health-interval 10s --health-timeout 5s --health-retries 5");
        }
        d.line(2, "steps:");
        checkout(d, 3);
        setup(d, repo, 3, matrix);
        d.flawStep(3);
        d.run(3, "Install", repo.eco().install());
        d.run(3, "Build", repo.eco().build());
        d.run(3, "Test", repo.eco().test());
        if (random.nextBoolean()) {
            d.uses(3, "Upload coverage", "codecov/codecov-action", "files: coverage.xml", "fail_ci_if_error: false");
        }
        if (random.nextBoolean()) {
            d.line(3, "- name: Upload test reports");
            d.line(4, "if: failure()");
            d.line(4, "uses: " + d.pin("actions/upload-artifact"));
            d.line(4, "with:");
            d.line(5, "name: test-reports" + (matrix ? "-${{ matrix." + repo.eco().matrixKey() + " }}" : ""));
            d.line(5, "path: '**/test-results/**'");
            d.line(5, "retention-days: 7");
        }
        if (random.nextInt(3) == 0) {
            d.line(1, "lint:");
            d.line(2, "runs-on: ubuntu-24.04");
            d.timeout(2, 10);
            d.line(2, "steps:");
            checkout(d, 3);
            setup(d, repo, 3, false);
            d.run(3, "Lint", repo.eco().lint());
        }
        return d;
    }

    private Doc lint(Repo repo, Flaw flaw) {
        Doc d = new Doc(flaw);
        d.line(0, "name: Lint");
        d.line(0, "on:");
        d.line(1, "pull_request:");
        d.line(2, "branches: [" + repo.branch() + "]");
        d.permissions(0, "contents: read");
        d.line(0, "jobs:");
        d.line(1, "lint:");
        d.line(2, "runs-on: ubuntu-latest");
        d.timeout(2, 10);
        d.line(2, "steps:");
        checkout(d, 3);
        if (repo.eco().name().equals("go") && random.nextBoolean()) {
            d.uses(3, null, "actions/setup-go", "go-version-file: go.mod");
            d.uses(3, null, "golangci/golangci-lint-action", "version: v2.1");
        } else {
            setup(d, repo, 3, false);
            d.flawStep(3);
            d.run(3, "Lint", repo.eco().lint());
        }
        if (random.nextBoolean()) {
            d.line(1, "shellcheck:");
            d.line(2, "runs-on: ubuntu-latest");
            d.timeout(2, 5);
            d.line(2, "steps:");
            checkout(d, 3);
            d.run(3, "ShellCheck", "git ls-files -z '*.sh' | xargs -0 --no-run-if-empty shellcheck --severity=warning");
        }
        return d;
    }

    private Doc release(Repo repo, Flaw flaw) {
        Doc d = new Doc(flaw);
        d.line(0, "name: Release");
        d.line(0, "on:");
        d.line(1, "push:");
        d.line(2, "tags: ['v*.*.*']");
        d.permissions(0, "contents: read");
        d.line(0, "jobs:");
        d.line(1, "build:");
        d.line(2, "runs-on: ubuntu-24.04");
        d.timeout(2, 30);
        d.line(2, "steps:");
        checkout(d, 3);
        setup(d, repo, 3, false, false);
        d.flawStep(3);
        d.run(3, "Build", repo.eco().install() + "\n" + repo.eco().build());
        d.uses(3, null, "actions/upload-artifact", "name: dist", "path: " + repo.eco().artifactPath(), "if-no-files-found: error");
        d.line(1, "publish:");
        d.line(2, "needs: build");
        d.line(2, "runs-on: ubuntu-24.04");
        d.timeout(2, 15);
        d.line(2, "environment:");
        d.line(3, "name: release");
        d.line(2, "permissions:");
        d.line(3, "contents: write");
        boolean trusted = repo.eco().name().equals("pip") || repo.eco().name().equals("poetry");
        if (trusted) {
            d.line(3, "id-token: write");
        }
        d.line(2, "steps:");
        checkout(d, 3);
        d.uses(3, null, "actions/download-artifact", "name: dist", "path: " + repo.eco().artifactPath());
        if (trusted) {
            d.uses(3, "Publish to PyPI", "pypa/gh-action-pypi-publish", "packages-dir: dist/");
        } else if (repo.eco().name().equals("go")) {
            d.uses(3, null, "goreleaser/goreleaser-action", "distribution: goreleaser", "version: '~> v2'", "args: release --clean");
            d.env(4, "GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}");
        } else {
            setup(d, repo, 3, false, false);
            d.run(3, "Publish", repo.eco().publish());
            d.env(4, envName(repo.eco().publishSecret()) + ": ${{ secrets." + repo.eco().publishSecret() + " }}");
        }
        d.uses(3, "GitHub release", "softprops/action-gh-release", "files: " + repo.eco().artifactPath() + "*",
                "generate_release_notes: true");
        return d;
    }

    private Doc deploy(Repo repo, Flaw flaw) {
        Doc d = new Doc(flaw);
        d.line(0, "name: Deploy");
        d.line(0, "on:");
        d.line(1, "push:");
        d.line(2, "branches: [" + repo.branch() + "]");
        d.line(1, "workflow_dispatch:");
        d.line(2, "inputs:");
        d.line(3, "environment:");
        d.line(4, "description: Target environment");
        d.line(4, "type: choice");
        d.line(4, "options: [staging, production]");
        d.line(4, "default: staging");
        d.permissions(0, "contents: read");
        d.line(0, "concurrency:");
        d.line(1, "group: deploy-${{ inputs.environment || 'staging' }}");
        d.line(1, "cancel-in-progress: false");
        d.line(0, "jobs:");
        d.line(1, "deploy:");
        d.line(2, "runs-on: ubuntu-latest");
        d.timeout(2, 30);
        d.line(2, "environment:");
        d.line(3, "name: ${{ inputs.environment || 'staging' }}");
        d.line(3, "url: https://${{ inputs.environment || 'staging' }}.example.com");
        d.line(2, "permissions:");
        d.line(3, "contents: read");
        d.line(3, "id-token: write");
        d.line(2, "steps:");
        checkout(d, 3);
        d.flawStep(3);
        switch (repo.deployTarget()) {
            case "aws" -> {
                d.uses(3, null, "aws-actions/configure-aws-credentials",
                        "role-to-assume: arn:aws:iam::123456789012:role/deploy-${{ inputs.environment || 'staging' }}",
                        "aws-region: eu-west-1");
                d.run(3, "Deploy", "aws s3 sync " + repo.eco().artifactPath() + " \"s3://$BUCKET/\" --delete\n"
                        + "aws cloudfront create-invalidation --distribution-id \"$DISTRIBUTION\" --paths '/*'");
                d.env(4, "BUCKET: ${{ vars.SITE_BUCKET }}", "DISTRIBUTION: ${{ vars.CLOUDFRONT_ID }}");
            }
            case "azure" -> {
                d.uses(3, null, "azure/login", "client-id: ${{ vars.AZURE_CLIENT_ID }}",
                        "tenant-id: ${{ vars.AZURE_TENANT_ID }}", "subscription-id: ${{ vars.AZURE_SUBSCRIPTION_ID }}");
                d.run(3, "Deploy", "az webapp deploy --resource-group \"$GROUP\" --name \"$APP\" --src-path app.zip");
                d.env(4, "GROUP: ${{ vars.AZURE_GROUP }}", "APP: ${{ vars.AZURE_WEBAPP }}");
            }
            case "gcp" -> {
                d.uses(3, null, "google-github-actions/auth",
                        "workload_identity_provider: ${{ vars.GCP_WIF_PROVIDER }}", "service_account: ${{ vars.GCP_DEPLOYER }}");
                d.run(3, "Deploy", "gcloud run deploy \"$SERVICE\" --region europe-west1 --source . --quiet");
                d.env(4, "SERVICE: " + repo.name());
            }
            default -> {
                d.uses(3, null, "azure/setup-helm", "version: v3.15.4");
                d.run(3, "Deploy", "echo \"$KUBECONFIG_DATA\" | base64 -d > \"$RUNNER_TEMP/kubeconfig\"\n"
                        + "helm upgrade --install " + repo.name() + " ./chart --namespace apps --atomic --wait \\\n"
                        + "  --kubeconfig \"$RUNNER_TEMP/kubeconfig\" --set image.tag=\"$GITHUB_SHA\"");
                d.env(4, "KUBECONFIG_DATA: ${{ secrets.KUBECONFIG }}");
            }
        }
        if (random.nextBoolean()) {
            d.run(3, "Smoke test", "curl --fail --retry 5 --retry-delay 10 \"https://${TARGET}.example.com/health\"");
            d.env(4, "TARGET: ${{ inputs.environment || 'staging' }}");
        }
        return d;
    }

    private Doc nightly(Repo repo, Flaw flaw) {
        Doc d = new Doc(flaw);
        d.line(0, "name: Nightly");
        d.line(0, "on:");
        d.line(1, "schedule:");
        d.line(2, "- cron: '" + pick(CRONS) + "'");
        d.line(1, "workflow_dispatch:");
        d.permissions(0, "contents: read");
        d.line(0, "jobs:");
        d.line(1, "integration:");
        d.line(2, "if: github.repository_owner == 'example-org'");
        d.line(2, "runs-on: ${{ matrix.os }}");
        d.timeout(2, 60 + 15 * random.nextInt(4));
        d.line(2, "strategy:");
        d.line(3, "fail-fast: false");
        d.line(3, "matrix:");
        d.line(4, "os: [ubuntu-24.04, macos-14" + (random.nextBoolean() ? ", windows-2022" : "") + "]");
        d.line(2, "steps:");
        checkout(d, 3);
        setup(d, repo, 3, false);
        d.flawStep(3);
        d.run(3, "Integration tests", repo.eco().test() + (random.nextBoolean() ? "\n" + repo.eco().build() : ""));
        d.line(3, "- name: Open an issue on failure");
        d.line(4, "if: failure() && github.event_name == 'schedule'");
        d.line(4, "uses: " + d.pin("actions/github-script"));
        d.line(4, "with:");
        d.line(5, "script: |");
        d.line(6, "await github.rest.issues.create({");
        d.line(7, "owner: context.repo.owner,");
        d.line(7, "repo: context.repo.repo,");
        d.line(7, "title: `Nightly failed on ${process.env.RUNNER_OS}`,");
        d.line(7, "body: `See ${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}`,");
        d.line(6, "});");
        d.line(2, "permissions:");
        d.line(3, "contents: read");
        d.line(3, "issues: write");
        return d;
    }

    private Doc reusableBuild(Repo repo, Flaw flaw) {
        Doc d = new Doc(flaw);
        d.line(0, "name: Reusable build");
        d.line(0, "on:");
        d.line(1, "workflow_call:");
        d.line(2, "inputs:");
        d.line(3, "version:");
        d.line(4, "type: string");
        d.line(4, "required: true");
        d.line(3, "upload:");
        d.line(4, "type: boolean");
        d.line(4, "default: false");
        d.line(2, "secrets:");
        d.line(3, "registry-token:");
        d.line(4, "required: false");
        d.line(2, "outputs:");
        d.line(3, "digest:");
        d.line(4, "value: ${{ jobs.build.outputs.digest }}");
        d.permissions(0, "contents: read");
        d.line(0, "jobs:");
        d.line(1, "build:");
        d.line(2, "runs-on: ubuntu-24.04");
        d.timeout(2, 25);
        d.line(2, "outputs:");
        d.line(3, "digest: ${{ steps.hash.outputs.digest }}");
        d.line(2, "steps:");
        checkout(d, 3);
        if (repo.localAction()) {
            d.line(3, "- uses: ./.github/actions/setup");
        } else {
            setup(d, repo, 3, false);
        }
        d.flawStep(3);
        d.run(3, "Build", repo.eco().build());
        d.env(4, "VERSION: ${{ inputs.version }}");
        d.line(3, "- id: hash");
        d.line(4, "run: echo \"digest=$(sha256sum " + repo.eco().artifactPath().replace("*", "") + "* | sha256sum | cut -c1-64)\" >> \"$GITHUB_OUTPUT\"");
        d.line(3, "- if: inputs.upload");
        d.line(4, "uses: " + d.pin("actions/upload-artifact"));
        d.line(4, "with:");
        d.line(5, "name: build-${{ inputs.version }}");
        d.line(5, "path: " + repo.eco().artifactPath());
        return d;
    }

    private Doc reusableCaller(Repo repo, Flaw flaw) {
        Doc d = new Doc(flaw);
        d.line(0, "name: Integration");
        d.line(0, "on:");
        d.line(1, "push:");
        d.line(2, "branches: [" + repo.branch() + "]");
        d.line(1, "merge_group:");
        d.permissions(0, "contents: read");
        d.line(0, "jobs:");
        d.line(1, "version:");
        d.line(2, "runs-on: ubuntu-latest");
        d.timeout(2, 5);
        d.line(2, "outputs:");
        d.line(3, "value: ${{ steps.describe.outputs.value }}");
        d.line(2, "steps:");
        checkout(d, 3);
        d.line(3, "- id: describe");
        d.line(4, "run: echo \"value=$(git describe --tags --always)\" >> \"$GITHUB_OUTPUT\"");
        d.line(1, "build:");
        d.line(2, "needs: version");
        d.line(2, "uses: ./.github/workflows/reusable-build.yml");
        d.line(2, "with:");
        d.line(3, "version: ${{ needs.version.outputs.value }}");
        d.line(3, "upload: true");
        if (flaw == Flaw.SECRET_ECHOED) {
            d.line(2, "secrets: inherit");
        } else {
            d.line(2, "secrets:");
            d.line(3, "registry-token: ${{ secrets.REGISTRY_TOKEN }}");
        }
        d.line(1, "verify:");
        d.line(2, "needs: build");
        d.line(2, "runs-on: ubuntu-latest");
        d.timeout(2, 10);
        d.line(2, "steps:");
        d.uses(3, null, "actions/download-artifact", "name: build-${{ needs.version.outputs.value }}");
        d.run(3, "Check digest", "echo \"$DIGEST  artifact\" | tee digest.txt");
        d.env(4, "DIGEST: ${{ needs.build.outputs.digest }}");
        return d;
    }

    private Doc codeql(Repo repo, Flaw flaw) {
        Doc d = new Doc(flaw);
        String language = switch (repo.eco().name()) {
            case "maven", "gradle" -> "java-kotlin";
            case "npm", "pnpm" -> "javascript-typescript";
            case "pip", "poetry" -> "python";
            case "go" -> "go";
            case "dotnet" -> "csharp";
            case "bundler" -> "ruby";
            case "cargo" -> "rust";
            case "cmake" -> "c-cpp";
            default -> "actions";
        };
        d.line(0, "name: CodeQL");
        d.line(0, "on:");
        d.line(1, "push:");
        d.line(2, "branches: [" + repo.branch() + "]");
        d.line(1, "pull_request:");
        d.line(1, "schedule:");
        d.line(2, "- cron: '" + pick(CRONS) + "'");
        d.permissions(0, "contents: read");
        d.line(0, "jobs:");
        d.line(1, "analyze:");
        d.line(2, "runs-on: ubuntu-latest");
        d.timeout(2, 45);
        d.line(2, "permissions:");
        d.line(3, "contents: read");
        d.line(3, "security-events: write");
        d.line(2, "strategy:");
        d.line(3, "matrix:");
        d.line(4, "language: [" + language + (language.equals("actions") ? "" : ", actions") + "]");
        d.line(2, "steps:");
        checkout(d, 3);
        d.flawStep(3);
        d.uses(3, null, "github/codeql-action/init", "languages: ${{ matrix.language }}", "queries: security-extended");
        d.uses(3, null, "github/codeql-action/autobuild");
        d.uses(3, null, "github/codeql-action/analyze", "category: /language:${{ matrix.language }}");
        return d;
    }

    private Doc dependencyReview(Flaw flaw) {
        Doc d = new Doc(flaw);
        d.line(0, "name: Dependency review");
        d.line(0, "on: pull_request");
        d.permissions(0, "contents: read");
        d.line(0, "jobs:");
        d.line(1, "review:");
        d.line(2, "runs-on: ubuntu-latest");
        d.timeout(2, 10);
        d.line(2, "permissions:");
        d.line(3, "contents: read");
        d.line(3, "pull-requests: write");
        d.line(2, "steps:");
        checkout(d, 3);
        d.flawStep(3);
        d.uses(3, null, "actions/dependency-review-action", "fail-on-severity: moderate",
                "deny-licenses: AGPL-3.0, GPL-3.0", "comment-summary-in-pr: on-failure");
        return d;
    }

    private Doc docs(Repo repo, Flaw flaw) {
        Doc d = new Doc(flaw);
        d.line(0, "name: Docs");
        d.line(0, "on:");
        d.line(1, "push:");
        d.line(2, "branches: [" + repo.branch() + "]");
        d.line(2, "paths: ['docs/**', 'mkdocs.yml']");
        d.line(1, "workflow_dispatch:");
        d.permissions(0, "contents: read");
        d.line(0, "concurrency:");
        d.line(1, "group: pages");
        d.line(1, "cancel-in-progress: false");
        d.line(0, "jobs:");
        d.line(1, "build:");
        d.line(2, "runs-on: ubuntu-latest");
        d.timeout(2, 15);
        d.line(2, "steps:");
        checkout(d, 3);
        d.uses(3, null, "actions/setup-python", "python-version: '3.12'", "cache: pip");
        d.flawStep(3);
        d.run(3, "Build site", "pip install -r docs/requirements.txt\nmkdocs build --strict --site-dir site");
        if (random.nextBoolean()) {
            d.uses(3, "Check links", "lycheeverse/lychee-action", "args: --no-progress --offline site/", "fail: true");
        }
        d.uses(3, null, "actions/configure-pages");
        d.uses(3, null, "actions/upload-pages-artifact", "path: site");
        d.line(1, "deploy:");
        d.line(2, "needs: build");
        d.line(2, "runs-on: ubuntu-latest");
        d.timeout(2, 10);
        d.line(2, "permissions:");
        d.line(3, "pages: write");
        d.line(3, "id-token: write");
        d.line(2, "environment:");
        d.line(3, "name: github-pages");
        d.line(3, "url: ${{ steps.deployment.outputs.page_url }}");
        d.line(2, "steps:");
        d.line(3, "- id: deployment");
        d.line(4, "uses: " + d.pin("actions/deploy-pages"));
        return d;
    }

    private Doc labeler(Flaw flaw) {
        Doc d = new Doc(flaw);
        d.line(0, "name: Label pull requests");
        d.line(0, "on:");
        d.line(1, "pull_request_target:");
        d.line(2, "types: [opened, synchronize]");
        d.permissions(0, "{}");
        d.line(0, "jobs:");
        d.line(1, "label:");
        d.line(2, "runs-on: ubuntu-latest");
        d.timeout(2, 5);
        d.line(2, "permissions:");
        d.line(3, "contents: read");
        d.line(3, "pull-requests: write");
        d.line(2, "steps:");
        if (flaw == Flaw.PERSISTED_CHECKOUT) {
            d.line(3, "- uses: " + d.pin("actions/checkout"));
            d.line(4, "with:");
            d.line(5, "ref: ${{ github.event.pull_request.head.sha }}");
            d.run(3, "Compute labels", "./scripts/compute-labels.sh > labels.txt");
        }
        d.uses(3, null, "actions/labeler", "sync-labels: true");
        return d;
    }

    private Doc prTitle(Flaw flaw) {
        Doc d = new Doc(flaw);
        d.line(0, "name: Pull request title");
        d.line(0, "on:");
        d.line(1, "pull_request_target:");
        d.line(2, "types: [opened, edited, synchronize, reopened]");
        d.permissions(0, "pull-requests: read");
        d.line(0, "jobs:");
        d.line(1, "conventional:");
        d.line(2, "runs-on: ubuntu-latest");
        d.timeout(2, 5);
        d.line(2, "steps:");
        if (flaw == Flaw.TITLE_IN_SCRIPT) {
            d.run(3, "Check title", "if ! echo \"${{ github.event.pull_request.title }}\" | grep -Eq '^(feat|fix|docs|chore)(\\(.+\\))?: '; then\n"
                    + "  echo 'Title must follow Conventional Commits' >&2\n  exit 1\nfi");
        } else {
            d.uses(3, null, "amannn/action-semantic-pull-request", "types: |\n  feat\n  fix\n  docs\n  chore", "requireScope: false");
            d.env(4, "GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}");
        }
        return d;
    }

    private Doc stale(Flaw flaw) {
        Doc d = new Doc(flaw);
        d.line(0, "name: Stale");
        d.line(0, "on:");
        d.line(1, "schedule:");
        d.line(2, "- cron: '" + pick(CRONS) + "'");
        d.permissions(0, "{}");
        d.line(0, "jobs:");
        d.line(1, "stale:");
        d.line(2, "runs-on: ubuntu-latest");
        d.timeout(2, 10);
        d.line(2, "permissions:");
        d.line(3, "issues: write");
        d.line(3, "pull-requests: write");
        d.line(2, "steps:");
        d.flawStep(3);
        d.uses(3, null, "actions/stale", "days-before-stale: " + (30 + 30 * random.nextInt(4)), "days-before-close: 14",
                "stale-issue-label: stale", "exempt-issue-labels: pinned,security",
                "stale-pr-message: This pull request has had no activity for a while and will be closed soon.");
        return d;
    }

    private Doc benchmark(Repo repo, Flaw flaw) {
        Doc d = new Doc(flaw);
        d.line(0, "name: Benchmarks");
        d.line(0, "on:");
        d.line(1, "push:");
        d.line(2, "branches: [" + repo.branch() + "]");
        d.line(1, "pull_request:");
        d.line(2, "paths: ['src/**', 'benches/**']");
        d.permissions(0, "contents: read");
        d.line(0, "jobs:");
        d.line(1, "bench:");
        d.line(2, "runs-on: ubuntu-24.04");
        d.timeout(2, 40);
        d.line(2, "permissions:");
        d.line(3, "contents: write");
        d.line(3, "deployments: write");
        d.line(2, "steps:");
        checkout(d, 3);
        setup(d, repo, 3, false);
        d.flawStep(3);
        d.run(3, "Run benchmarks", repo.eco().build() + "\n./scripts/bench.sh | tee bench-output.txt");
        d.line(3, "- name: Store results");
        d.line(4, "if: github.event_name == 'push'");
        d.line(4, "uses: " + d.pin("benchmark-action/github-action-benchmark"));
        d.line(4, "with:");
        d.line(5, "tool: customSmallerIsBetter");
        d.line(5, "output-file-path: bench-output.txt");
        d.line(5, "github-token: ${{ secrets.GITHUB_TOKEN }}");
        d.line(5, "auto-push: true");
        d.line(5, "alert-threshold: '150%'");
        return d;
    }

    private Doc scorecard(Repo repo, Flaw flaw) {
        Doc d = new Doc(flaw);
        d.line(0, "name: Scorecard");
        d.line(0, "on:");
        d.line(1, "branch_protection_rule:");
        d.line(1, "schedule:");
        d.line(2, "- cron: '" + pick(CRONS) + "'");
        d.line(1, "push:");
        d.line(2, "branches: [" + repo.branch() + "]");
        d.permissions(0, "contents: read");
        d.line(0, "jobs:");
        d.line(1, "analysis:");
        d.line(2, "runs-on: ubuntu-latest");
        d.timeout(2, 20);
        d.line(2, "permissions:");
        d.line(3, "security-events: write");
        d.line(3, "id-token: write");
        d.line(2, "steps:");
        d.line(3, "- uses: " + d.pin("actions/checkout"));
        d.line(4, "with:");
        d.line(5, "persist-credentials: false");
        d.flawStep(3);
        d.uses(3, null, "ossf/scorecard-action", "results_file: results.sarif", "results_format: sarif", "publish_results: true");
        d.uses(3, null, "actions/upload-artifact", "name: SARIF file", "path: results.sarif", "retention-days: 5");
        d.uses(3, null, "github/codeql-action/upload-sarif", "sarif_file: results.sarif");
        return d;
    }

    private Doc commentCommand(Repo repo, Flaw flaw) {
        Doc d = new Doc(flaw);
        d.line(0, "name: Comment commands");
        d.line(0, "on:");
        d.line(1, "issue_comment:");
        d.line(2, "types: [created]");
        d.permissions(0, "{}");
        d.line(0, "jobs:");
        d.line(1, "rebase:");
        d.line(2, "if: >-");
        d.line(3, "github.event.issue.pull_request &&");
        d.line(3, "startsWith(github.event.comment.body, '/rebase') &&");
        d.line(3, "contains(fromJSON('[\"OWNER\", \"MEMBER\", \"COLLABORATOR\"]'), github.event.comment.author_association)");
        d.line(2, "runs-on: ubuntu-latest");
        d.timeout(2, 10);
        d.line(2, "permissions:");
        d.line(3, "contents: write");
        d.line(3, "pull-requests: write");
        d.line(2, "steps:");
        d.uses(3, null, "actions/create-github-app-token", "app-id: ${{ vars.BOT_APP_ID }}",
                "private-key: ${{ secrets.BOT_PRIVATE_KEY }}", "repositories: " + repo.name(),
                "permission-contents: write", "permission-pull-requests: write");
        d.line(4, "id: app-token");
        d.flawStep(3);
        d.line(3, "- name: Acknowledge");
        d.line(4, "uses: " + d.pin("actions/github-script"));
        d.line(4, "with:");
        d.line(5, "github-token: ${{ steps.app-token.outputs.token }}");
        d.line(5, "script: |");
        d.line(6, "await github.rest.reactions.createForIssueComment({");
        d.line(7, "...context.repo, comment_id: context.payload.comment.id, content: 'rocket' });");
        d.run(3, "Rebase", "gh pr checkout \"$PR\" && git rebase \"origin/$BASE\" && git push --force-with-lease");
        d.env(4, "GH_TOKEN: ${{ steps.app-token.outputs.token }}", "PR: ${{ github.event.issue.number }}",
                "BASE: " + repo.branch());
        return d;
    }

    private Doc container(Repo repo, Flaw flaw) {
        Doc d = new Doc(flaw);
        d.line(0, "name: Container image");
        d.line(0, "on:");
        d.line(1, "push:");
        d.line(2, "branches: [" + repo.branch() + "]");
        d.line(2, "tags: ['v*']");
        d.line(1, "pull_request:");
        d.permissions(0, "contents: read");
        d.line(0, "env:");
        d.line(1, "REGISTRY: ghcr.io");
        d.line(1, "IMAGE_NAME: ${{ github.repository }}");
        d.line(0, "jobs:");
        d.line(1, "image:");
        d.line(2, "runs-on: ubuntu-latest");
        d.timeout(2, 30);
        d.line(2, "environment: ${{ github.event_name == 'pull_request' && 'pull-request' || 'registry' }}");
        d.line(2, "permissions:");
        d.line(3, "contents: read");
        d.line(3, "packages: write");
        d.line(3, "id-token: write");
        d.line(3, "attestations: write");
        d.line(2, "steps:");
        checkout(d, 3);
        d.flawStep(3);
        d.uses(3, null, "docker/setup-buildx-action");
        d.line(3, "- if: github.event_name != 'pull_request'");
        d.line(4, "uses: " + d.pin("docker/login-action"));
        d.line(4, "with:");
        d.line(5, "registry: ${{ env.REGISTRY }}");
        d.line(5, "username: ${{ github.actor }}");
        d.line(5, "password: ${{ secrets.GITHUB_TOKEN }}");
        d.line(3, "- id: meta");
        d.line(4, "uses: " + d.pin("docker/metadata-action"));
        d.line(4, "with:");
        d.line(5, "images: ${{ env.REGISTRY }}/${{ env.IMAGE_NAME }}");
        d.line(5, "tags: |");
        d.line(6, "type=ref,event=branch");
        d.line(6, "type=semver,pattern={{version}}");
        d.line(3, "- id: push");
        d.line(4, "uses: " + d.pin("docker/build-push-action"));
        d.line(4, "with:");
        d.line(5, "context: .");
        d.line(5, "push: ${{ github.event_name != 'pull_request' }}");
        d.line(5, "tags: ${{ steps.meta.outputs.tags }}");
        d.line(5, "labels: ${{ steps.meta.outputs.labels }}");
        d.line(5, "cache-from: type=gha");
        d.line(5, "cache-to: type=gha,mode=max");
        if (random.nextBoolean()) {
            d.line(3, "- if: github.event_name != 'pull_request'");
            d.line(4, "uses: " + d.pin("actions/attest-build-provenance"));
            d.line(4, "with:");
            d.line(5, "subject-name: ${{ env.REGISTRY }}/${{ env.IMAGE_NAME }}");
            d.line(5, "subject-digest: ${{ steps.push.outputs.digest }}");
            d.line(5, "push-to-registry: true");
        }
        return d;
    }

    private String setupAction(Repo repo) {
        Doc d = new Doc(Flaw.NONE);
        d.line(0, "name: Set up " + repo.eco().name());
        d.line(0, "description: Installs the toolchain and dependencies this repository builds with.");
        d.line(0, "inputs:");
        d.line(1, "version:");
        d.line(2, "description: Toolchain version");
        d.line(2, "default: " + repo.eco().versions().get(repo.eco().versions().size() - 1));
        d.line(0, "runs:");
        d.line(1, "using: composite");
        d.line(1, "steps:");
        for (String setup : repo.eco().setup()) {
            String[] parts = setup.split("\\|");
            List<String> with = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                with.add(parts[i].replaceAll("\\$\\{\\{ matrix\\.[a-z]+ }}", "\\${{ inputs.version }}"));
            }
            d.uses(2, null, parts[0], with.toArray(String[]::new));
        }
        d.line(2, "- name: Install dependencies");
        d.line(3, "shell: bash");
        d.line(3, "run: " + repo.eco().install());
        return d.text();
    }

    private String summaryAction() {
        Doc d = new Doc(Flaw.NONE);
        d.line(0, "name: Test summary");
        d.line(0, "description: Writes the JUnit results of the run to the job summary.");
        d.line(0, "inputs:");
        d.line(1, "reports:");
        d.line(2, "description: Glob of JUnit XML reports");
        d.line(2, "default: '**/TEST-*.xml'");
        d.line(0, "runs:");
        d.line(1, "using: composite");
        d.line(1, "steps:");
        d.line(2, "- name: Summarise");
        d.line(3, "shell: bash");
        d.line(3, "env:");
        d.line(4, "REPORTS: ${{ inputs.reports }}");
        d.line(3, "run: |");
        d.line(4, "shopt -s globstar nullglob");
        d.line(4, "failures=0");
        d.line(4, "for report in $REPORTS; do");
        d.line(5, "failures=$((failures + $(grep -c '<failure' \"$report\" || true)))");
        d.line(4, "done");
        d.line(4, "echo \"### Tests: $failures failure(s)\" >> \"$GITHUB_STEP_SUMMARY\"");
        return d.text();
    }

    // ---- building blocks ----

    private void checkout(Doc d, int depth) {
        if (d.flaw == Flaw.PERSISTED_CHECKOUT) {
            d.line(depth, "- uses: " + d.pin("actions/checkout"));
            return;
        }
        d.line(depth, "- uses: " + d.pin("actions/checkout"));
        d.line(depth + 1, "with:");
        d.line(depth + 2, "persist-credentials: false");
        if (random.nextInt(4) == 0) {
            d.line(depth + 2, "fetch-depth: 0");
        }
    }

    private void setup(Doc d, Repo repo, int depth, boolean matrix) {
        setup(d, repo, depth, matrix, true);
    }

    /** The ecosystem's setup actions; without caching where a poisoned cache could reach a release. */
    private void setup(Doc d, Repo repo, int depth, boolean matrix, boolean caching) {
        String version = repo.eco().versions().get(repo.eco().versions().size() > 1 ? 1 : 0);
        for (String setup : repo.eco().setup()) {
            String[] parts = setup.split("\\|");
            if (!caching && parts[0].equals("Swatinem/rust-cache")) {
                continue;
            }
            List<String> with = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                if (caching || !parts[i].matches("(bundler-)?cache: .*")) {
                    with.add(matrix ? parts[i] : parts[i].replaceAll("\\$\\{\\{ matrix\\.[a-z]+ }}", version));
                }
            }
            if (!caching && parts[0].equals("gradle/actions/setup-gradle")) {
                with.add("cache-disabled: true");
            }
            d.uses(depth, null, parts[0], with.toArray(String[]::new));
        }
        if (repo.eco().name().equals("cmake")) {
            d.run(depth, "Install Ninja", "sudo apt-get update && sudo apt-get install -y --no-install-recommends ninja-build");
            d.line(depth + 1, "if: runner.os == 'Linux'");
        }
    }

    private static String envName(String secret) {
        return secret.equals("CENTRAL_TOKEN") ? "MAVEN_PASSWORD" : secret.equals("NPM_TOKEN") ? "NODE_AUTH_TOKEN" : secret;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private String sha(String action, String release) {
        return HexFormat.of().formatHex(sha1.digest((action + "@" + release).getBytes(StandardCharsets.UTF_8)));
    }

    /** One file being written: lines at two-space depths, and the one mistake it carries. */
    private final class Doc {
        private final StringBuilder text = new StringBuilder(2048);
        private final Flaw flaw;
        private boolean flawWritten;

        Doc(Flaw flaw) {
            this.flaw = flaw;
        }

        void line(int depth, String content) {
            text.append("  ".repeat(depth)).append(content).append('\n');
        }

        String text() {
            return text.toString();
        }

        /** {@code owner/repo@<sha> # vX.Y.Z}, or the major tag when this file's mistake is unpinned actions. */
        String pin(String action) {
            String release = RELEASES.get(action);
            if (release == null) {
                throw new IllegalArgumentException("no release known for " + action);
            }
            if (flaw == Flaw.UNPINNED_TAGS) {
                return action + "@" + release.replaceFirst("^(v\\d+).*", "$1");
            }
            return action + "@" + sha(action, release) + " # " + release;
        }

        String image(String name, String tag) {
            if (flaw == Flaw.IMAGE_WITHOUT_DIGEST) {
                return name + ":" + tag;
            }
            return name + ":" + tag + "@sha256:" + sha(name, tag) + sha(tag, name).substring(0, 24);
        }

        void permissions(int depth, String scopes) {
            if (flaw == Flaw.NO_PERMISSIONS) {
                return;
            }
            if (flaw == Flaw.WRITE_ALL) {
                line(depth, "permissions: write-all");
            } else if (scopes.equals("{}") || scopes.equals("read-all")) {
                line(depth, "permissions: " + scopes);
            } else {
                line(depth, "permissions:");
                line(depth + 1, scopes);
            }
        }

        void timeout(int depth, int minutes) {
            if (flaw != Flaw.NO_TIMEOUTS) {
                line(depth, "timeout-minutes: " + minutes);
            }
        }

        void uses(int depth, String name, String action, String... with) {
            if (name != null) {
                line(depth, "- name: " + name);
                line(depth + 1, "uses: " + pin(action));
            } else {
                line(depth, "- uses: " + pin(action));
            }
            if (with.length > 0) {
                line(depth + 1, "with:");
                for (String entry : with) {
                    block(depth + 2, entry);
                }
            }
        }

        void run(int depth, String name, String script) {
            line(depth, "- name: " + name);
            block(depth + 1, "run: " + script);
        }

        void env(int depth, String... entries) {
            line(depth, "env:");
            for (String entry : entries) {
                line(depth + 1, entry);
            }
        }

        /** {@code key: value}, or a literal block when the value has several lines. */
        private void block(int depth, String entry) {
            int colon = entry.indexOf(": ");
            String value = entry.substring(colon + 2);
            if (!value.contains("\n") && !value.contains(": ")) {
                line(depth, entry);
                return;
            }
            line(depth, entry.substring(0, colon) + ": |");
            for (String valueLine : value.split("\n")) {
                line(depth + 1, valueLine);
            }
        }

        /** The step-level mistakes, written once per file where a builder offers a place for one. */
        void flawStep(int depth) {
            if (flawWritten) {
                return;
            }
            flawWritten = true;
            switch (flaw) {
                case HEAD_REF_IN_SCRIPT -> run(depth, "Show branch", "echo \"Building ${{ github.head_ref || github.ref_name }}\"");
                case TITLE_IN_SCRIPT -> run(depth, "Log pull request", "echo \"PR: ${{ github.event.pull_request.title }}\"");
                case SECRET_ECHOED -> {
                    run(depth, "Configure registry", "echo \"//registry.example.com/:_authToken=${{ secrets.REGISTRY_TOKEN }}\" > .npmrc\n"
                            + "echo \"token is $REGISTRY_TOKEN\"");
                    env(depth + 1, "REGISTRY_TOKEN: ${{ secrets.REGISTRY_TOKEN }}");
                }
                case XTRACE_WITH_SECRET -> {
                    run(depth, "Fetch fixtures", "set -x\ncurl -fsSL -H \"Authorization: Bearer $FIXTURES_TOKEN\" -o fixtures.tgz \"$FIXTURES_URL\"");
                    env(depth + 1, "FIXTURES_TOKEN: ${{ secrets.FIXTURES_TOKEN }}", "FIXTURES_URL: ${{ vars.FIXTURES_URL }}");
                }
                case UNSECURE_COMMANDS -> {
                    run(depth, "Legacy path setup", "echo \"::add-path::$HOME/.local/bin\"");
                    env(depth + 1, "ACTIONS_ALLOW_UNSECURE_COMMANDS: true");
                }
                case IMAGE_WITHOUT_DIGEST -> {
                            line(depth, "- name: Validate configuration");
                    line(depth + 1, "uses: docker://" + image("ghcr.io/example-org/config-validator", "1.4"));
                    line(depth + 1, "with:");
                    line(depth + 2, "args: validate config/");
                }
                case BOT_ACTOR_CHECK -> {
                    run(depth, "Auto-approve dependency updates", "gh pr review --approve \"$PR_URL\"");
                    line(depth + 1, "if: github.actor == 'dependabot[bot]'");
                    env(depth + 1, "PR_URL: ${{ github.event.pull_request.html_url }}", "GH_TOKEN: ${{ secrets.GITHUB_TOKEN }}");
                }
                default -> {
                }
            }
        }
    }
}
