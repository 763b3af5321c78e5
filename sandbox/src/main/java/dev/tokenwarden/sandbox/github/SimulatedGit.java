package dev.tokenwarden.sandbox.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenwarden.sandbox.github.GitHubSimulator.Auth;
import dev.tokenwarden.sandbox.github.GitHubSimulator.Call;
import dev.tokenwarden.sandbox.github.GitHubSimulator.Refusal;
import dev.tokenwarden.sandbox.github.GitHubSimulator.Reply;
import dev.tokenwarden.sandbox.github.GitHubSimulator.Route;
import dev.tokenwarden.sandbox.github.GitHubSimulator.TokenKind;
import dev.tokenwarden.sandbox.github.GitHubSimulator.TokenState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The simulator's Git Data API and pull requests: blobs, trees ({@code base_tree}), commits and refs (branches besides
 * the default one, lightweight and annotated tags), so that several files become one commit on a new branch, and pull
 * requests opened from such a branch. The contents and trees endpoints read a branch or commit made here. GitHub's rules
 * are kept: contents write for objects and refs, pull requests write to open one, and a ref may point at a commit that
 * changes a workflow file ({@code .github/workflows/}) only with the {@code workflows} permission (a classic PAT: the
 * {@code workflow} scope), else 422 with GitHub's message. Runs under the simulator's lock, as every handler does.
 */
public final class SimulatedGit {
    private static final String WORKFLOWS = ".github/workflows/";
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    private static final String REPO = "/repos/(?<owner>[^/]+)/(?<repo>[^/]+)";

    private record Commit(String sha, String tree, List<String> parents, String message, String author, Instant at) {
    }

    private record Tag(String sha, String name, String commit, String message) {
    }

    /** A pull request opened through the API, from {@code head} (a branch of the same repository) into {@code base}. */
    public record PullRequest(long number, String title, String body, String head, String base, String baseSha, Instant createdAt) {
    }

    /** One repository's Git objects and refs other than its default branch, which stays {@link SimulatedRepository#files}. */
    private static final class Store {
        final Map<String, byte[]> blobs = new HashMap<>();
        final Map<String, Map<String, byte[]>> trees = new HashMap<>();
        final Map<String, Commit> commits = new HashMap<>();
        final Map<String, String> branches = new TreeMap<>();
        final Map<String, String> tags = new TreeMap<>();
        final Map<String, Tag> tagObjects = new HashMap<>();
        final Map<Long, PullRequest> pulls = new TreeMap<>();
    }

    private final GitHubSimulator simulator;
    private final Map<String, Store> stores = new HashMap<>();

    SimulatedGit(GitHubSimulator simulator) {
        this.simulator = simulator;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", Pattern.compile(REPO), Auth.TOKEN, this::getRepository),
                new Route("GET", Pattern.compile(REPO + "/git/ref/(?<ref>.+)"), Auth.TOKEN, this::getRef),
                new Route("POST", Pattern.compile(REPO + "/git/refs"), Auth.TOKEN, this::createRef),
                new Route("PATCH", Pattern.compile(REPO + "/git/refs/(?<ref>.+)"), Auth.TOKEN, this::updateRef),
                new Route("DELETE", Pattern.compile(REPO + "/git/refs/(?<ref>.+)"), Auth.TOKEN, this::deleteRef),
                new Route("GET", Pattern.compile(REPO + "/git/tags/(?<sha>[0-9a-f]{40})"), Auth.TOKEN, this::getTag),
                new Route("POST", Pattern.compile(REPO + "/git/blobs"), Auth.TOKEN, this::createBlob),
                new Route("POST", Pattern.compile(REPO + "/git/trees"), Auth.TOKEN, this::createTree),
                new Route("POST", Pattern.compile(REPO + "/git/commits"), Auth.TOKEN, this::createCommit),
                new Route("POST", Pattern.compile(REPO + "/pulls"), Auth.TOKEN, this::createPullRequest),
                new Route("GET", Pattern.compile(REPO + "/pulls"), Auth.TOKEN, this::listPullRequests));
    }

    // ---- state set up and read by tests

    /** Tags {@code commitSha} as {@code tag} in {@code owner/name}: lightweight, or {@code annotated} through a tag object. */
    public void tag(String owner, String name, String tag, String commitSha, boolean annotated) {
        synchronized (simulator) {
            SimulatedRepository repo = simulator.addRepository(owner, name);
            Store store = store(repo);
            if (annotated) {
                String sha = GitHubSimulator.sha1(("tag " + tag + " " + commitSha).getBytes(StandardCharsets.UTF_8), new byte[0]);
                store.tagObjects.put(sha, new Tag(sha, tag, commitSha, "release " + tag));
                store.tags.put(tag, sha);
            } else {
                store.tags.put(tag, commitSha);
            }
        }
    }

    /** The commit {@code branch} points at; empty when there is no such branch. */
    public Optional<String> branchHead(String owner, String name, String branch) {
        synchronized (simulator) {
            return simulator.repository(owner, name).flatMap(repo -> headOf(repo, branch));
        }
    }

    /** The files of {@code branch} (a copy); empty when there is no such branch. */
    public Optional<Map<String, String>> branchFiles(String owner, String name, String branch) {
        synchronized (simulator) {
            return simulator.repository(owner, name).flatMap(repo -> filesAt(repo, branch)).map(files -> {
                Map<String, String> text = new TreeMap<>();
                files.forEach((path, content) -> text.put(path, new String(content, StandardCharsets.UTF_8)));
                return text;
            });
        }
    }

    /** The parents of commit {@code sha}, oldest first; empty when the commit was not made through the API. */
    public List<String> parents(String owner, String name, String sha) {
        synchronized (simulator) {
            return simulator.repository(owner, name).map(this::store).map(s -> s.commits.get(sha)).map(Commit::parents).orElse(List.of());
        }
    }

    /** The pull requests opened through the API in {@code owner/name}, by number. */
    public List<PullRequest> pullRequests(String owner, String name) {
        synchronized (simulator) {
            return simulator.repository(owner, name).map(repo -> List.copyOf(store(repo).pulls.values())).orElse(List.of());
        }
    }

    /** Every branch of {@code owner/name} but the default one. */
    public Set<String> branches(String owner, String name) {
        synchronized (simulator) {
            return simulator.repository(owner, name).map(repo -> Set.copyOf(store(repo).branches.keySet())).orElse(Set.of());
        }
    }

    // ---- reads the simulator's contents and trees endpoints make

    /**
     * The files at {@code ref}: the default branch (null, its name, {@code refs/heads/<name>}, its head commit or root tree),
     * another branch, a commit or a tree made here; empty for a ref the repository does not have.
     */
    Optional<Map<String, byte[]>> filesAt(SimulatedRepository repo, String ref) {
        if (ref == null || ref.equals(repo.defaultBranch) || ref.equals("refs/heads/" + repo.defaultBranch) || ref.equals(repo.head)
                || ref.equals(GitHubSimulator.treeSha(repo.files, ""))) {
            return Optional.of(repo.files);
        }
        Store store = store(repo);
        String branch = ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
        String sha = store.branches.getOrDefault(branch, ref);
        Commit commit = store.commits.get(sha);
        if (commit != null) {
            return Optional.ofNullable(tree(repo, commit.tree()));
        }
        return Optional.ofNullable(store.trees.get(sha));
    }

    /** The full repository; metadata read, which every installation token has, is all it needs. */
    private Reply getRepository(Call call) {
        SimulatedRepository repo = simulator.repository(call.group("owner"), call.group("repo"))
                .filter(r -> simulator.canSee(call.identity(), r))
                .orElseThrow(() -> new Refusal(404, "Not Found"));
        return Reply.of(200, simulator.payloads.repository(repo).put("network_count", 0).put("subscribers_count", 0));
    }

    // ---- refs

    private Reply getRef(Call call) {
        SimulatedRepository repo = simulator.readableRepository(call, "contents");
        String ref = call.group("ref");
        return Reply.of(200, refBody(repo, "refs/" + ref, target(repo, ref).orElseThrow(() -> new Refusal(404, "Not Found"))));
    }

    /** What {@code ref} ({@code heads/<branch>} or {@code tags/<tag>}) points at. */
    private Optional<String> target(SimulatedRepository repo, String ref) {
        if (ref.startsWith("heads/")) {
            return headOf(repo, ref.substring("heads/".length()));
        }
        if (ref.startsWith("tags/")) {
            return Optional.ofNullable(store(repo).tags.get(ref.substring("tags/".length())));
        }
        return Optional.empty();
    }

    private Optional<String> headOf(SimulatedRepository repo, String branch) {
        return branch.equals(repo.defaultBranch) ? Optional.of(repo.head) : Optional.ofNullable(store(repo).branches.get(branch));
    }

    private Reply createRef(Call call) {
        SimulatedRepository repo = simulator.writableRepository(call, "contents");
        String ref = call.body().path("ref").asText("");
        String sha = call.body().path("sha").asText("");
        if (!ref.startsWith("refs/") || ref.chars().filter(c -> c == '/').count() < 2 || ref.contains("..") || ref.endsWith("/")) {
            throw new Refusal(422, "Reference name is invalid");
        }
        if (!ref.startsWith("refs/heads/") && !ref.startsWith("refs/tags/")) {
            throw new Refusal(422, "Reference name is invalid");
        }
        String shortRef = ref.substring("refs/".length());
        if (target(repo, shortRef).isPresent()) {
            throw new Refusal(422, "Reference already exists");
        }
        requireCommit(repo, sha);
        Store store = store(repo);
        if (ref.startsWith("refs/heads/")) {
            requireWorkflowPermission(call, repo.files, filesAt(repo, sha).orElseThrow());
            store.branches.put(shortRef.substring("heads/".length()), sha);
        } else {
            store.tags.put(shortRef.substring("tags/".length()), sha);
        }
        return Reply.of(201, refBody(repo, ref, sha));
    }

    private Reply updateRef(Call call) {
        SimulatedRepository repo = simulator.writableRepository(call, "contents");
        String ref = call.group("ref");
        String sha = call.body().path("sha").asText("");
        if (!ref.startsWith("heads/")) {
            throw new Refusal(422, "Reference cannot be updated");
        }
        String branch = ref.substring("heads/".length());
        String current = headOf(repo, branch).orElseThrow(() -> new Refusal(422, "Reference does not exist"));
        requireCommit(repo, sha);
        if (!call.body().path("force").asBoolean(false) && !descendsFrom(repo, sha, current)) {
            throw new Refusal(422, "Update is not a fast forward");
        }
        Map<String, byte[]> after = filesAt(repo, sha).orElseThrow();
        requireWorkflowPermission(call, filesAt(repo, current).orElse(Map.of()), after);
        if (branch.equals(repo.defaultBranch)) {
            synchronized (repo) {
                repo.files.clear();
                repo.files.putAll(after);
                repo.head = sha;
            }
        } else {
            store(repo).branches.put(branch, sha);
        }
        return Reply.of(200, refBody(repo, "refs/" + ref, sha));
    }

    private Reply deleteRef(Call call) {
        SimulatedRepository repo = simulator.writableRepository(call, "contents");
        String ref = call.group("ref");
        Store store = store(repo);
        boolean removed = ref.startsWith("heads/") && store.branches.remove(ref.substring("heads/".length())) != null
                || ref.startsWith("tags/") && store.tags.remove(ref.substring("tags/".length())) != null;
        if (!removed) {
            throw new Refusal(422, "Reference does not exist");
        }
        return Reply.of(204, null);
    }

    private ObjectNode refBody(SimulatedRepository repo, String ref, String sha) {
        String base = simulator.baseUrl + "/repos/" + repo.fullName();
        Tag tag = store(repo).tagObjects.get(sha);
        ObjectNode body = Payloads.JSON.createObjectNode().put("ref", ref).put("node_id", "REF_" + sha.substring(0, 12))
                .put("url", base + "/git/" + ref);
        body.putObject("object").put("type", tag == null ? "commit" : "tag").put("sha", sha)
                .put("url", base + (tag == null ? "/git/commits/" : "/git/tags/") + sha);
        return body;
    }

    private Reply getTag(Call call) {
        SimulatedRepository repo = simulator.readableRepository(call, "contents");
        Tag tag = Optional.ofNullable(store(repo).tagObjects.get(call.group("sha"))).orElseThrow(() -> new Refusal(404, "Not Found"));
        String base = simulator.baseUrl + "/repos/" + repo.fullName();
        ObjectNode body = Payloads.JSON.createObjectNode().put("node_id", "TAG_" + tag.sha().substring(0, 12)).put("tag", tag.name())
                .put("sha", tag.sha()).put("url", base + "/git/tags/" + tag.sha()).put("message", tag.message());
        body.putObject("tagger").put("date", Payloads.time(simulator.clock.instant())).put("email", "release@users.noreply.github.example")
                .put("name", "release");
        body.putObject("object").put("sha", tag.commit()).put("type", "commit").put("url", base + "/git/commits/" + tag.commit());
        body.set("verification", verification());
        return Reply.of(200, body);
    }

    // ---- objects

    private Reply createBlob(Call call) {
        SimulatedRepository repo = simulator.writableRepository(call, "contents");
        JsonNode content = call.body().path("content");
        String encoding = call.body().path("encoding").asText("utf-8");
        if (!content.isTextual()) {
            throw new Refusal(422, "Invalid request. \"content\" wasn't supplied.");
        }
        byte[] bytes = switch (encoding) {
            case "utf-8" -> content.asText().getBytes(StandardCharsets.UTF_8);
            case "base64" -> decodeBase64(content.asText());
            default -> throw new Refusal(422, "encoding must be utf-8 or base64");
        };
        String sha = GitHubSimulator.blobSha(bytes);
        store(repo).blobs.put(sha, bytes);
        return Reply.of(201, Payloads.JSON.createObjectNode().put("url", simulator.baseUrl + "/repos/" + repo.fullName() + "/git/blobs/" + sha)
                .put("sha", sha));
    }

    private static byte[] decodeBase64(String text) {
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new Refusal(422, "content is not valid base64");
        }
    }

    /** A tree: {@code base_tree}'s files (none without it) with each entry's blob put at its path, or removed for {@code sha: null}. */
    private Reply createTree(Call call) {
        SimulatedRepository repo = simulator.writableRepository(call, "contents");
        Store store = store(repo);
        JsonNode entries = call.body().path("tree");
        if (!entries.isArray()) {
            throw new Refusal(422, "Invalid request. \"tree\" wasn't supplied.");
        }
        Map<String, byte[]> files = new TreeMap<>();
        if (call.body().hasNonNull("base_tree")) {
            files.putAll(Optional.ofNullable(tree(repo, call.body().path("base_tree").asText()))
                    .orElseThrow(() -> new Refusal(422, "base_tree is not a valid tree oid")));
        }
        for (JsonNode entry : entries) {
            String path = entry.path("path").asText("");
            if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
                throw new Refusal(422, "tree.path contains a malformed path component");
            }
            if (!Set.of("100644", "100755").contains(entry.path("mode").asText()) || !"blob".equals(entry.path("type").asText("blob"))) {
                throw new Refusal(422, "tree.mode must be 100644 or 100755 for a blob here");
            }
            if (entry.path("content").isTextual()) {
                byte[] content = entry.path("content").asText().getBytes(StandardCharsets.UTF_8);
                store.blobs.put(GitHubSimulator.blobSha(content), content);
                files.put(path, content);
            } else if (entry.has("sha") && entry.path("sha").isNull()) {
                files.remove(path);
            } else {
                String sha = entry.path("sha").asText("");
                files.put(path, Optional.ofNullable(store.blobs.get(sha))
                        .orElseThrow(() -> new Refusal(422, "tree.sha " + sha + " is not a valid blob")));
            }
        }
        String sha = GitHubSimulator.treeSha(files, "");
        store.trees.put(sha, files);
        String base = simulator.baseUrl + "/repos/" + repo.fullName();
        ObjectNode body = Payloads.JSON.createObjectNode().put("sha", sha).put("url", base + "/git/trees/" + sha).put("truncated", false);
        ArrayNode tree = body.putArray("tree");
        files.forEach((path, content) -> tree.addObject().put("path", path).put("mode", "100644").put("type", "blob")
                .put("sha", GitHubSimulator.blobSha(content)).put("size", content.length)
                .put("url", base + "/git/blobs/" + GitHubSimulator.blobSha(content)));
        return Reply.of(201, body);
    }

    private Reply createCommit(Call call) {
        SimulatedRepository repo = simulator.writableRepository(call, "contents");
        String message = call.body().path("message").asText("");
        String treeSha = call.body().path("tree").asText("");
        if (message.isEmpty()) {
            throw new Refusal(422, "Invalid request. \"message\" wasn't supplied.");
        }
        if (tree(repo, treeSha) == null) {
            throw new Refusal(422, "Tree SHA does not exist");
        }
        List<String> parents = new ArrayList<>();
        for (JsonNode parent : call.body().path("parents")) {
            if (!isCommit(repo, parent.asText())) {
                throw new Refusal(422, "Parent SHA does not exist or is not a commit object");
            }
            parents.add(parent.asText());
        }
        String author = call.identity().token().login;
        Instant at = simulator.clock.instant();
        String sha = GitHubSimulator.sha1(("commit " + treeSha + " " + parents + " " + author + " " + at + "\n" + message)
                .getBytes(StandardCharsets.UTF_8), new byte[0]);
        Commit commit = new Commit(sha, treeSha, List.copyOf(parents), message, author, at);
        store(repo).commits.put(sha, commit);
        return Reply.of(201, commitBody(repo, commit));
    }

    private ObjectNode commitBody(SimulatedRepository repo, Commit commit) {
        String base = simulator.baseUrl + "/repos/" + repo.fullName();
        ObjectNode body = Payloads.JSON.createObjectNode().put("sha", commit.sha()).put("node_id", "C_" + commit.sha().substring(0, 12))
                .put("url", base + "/git/commits/" + commit.sha()).put("html_url", Payloads.WEB + "/" + repo.fullName() + "/commit/" + commit.sha())
                .put("message", commit.message());
        ObjectNode person = Payloads.JSON.createObjectNode().put("date", Payloads.time(commit.at())).put("name", commit.author())
                .put("email", commit.author() + "@users.noreply.github.example");
        body.set("author", person);
        body.set("committer", person.deepCopy());
        body.putObject("tree").put("sha", commit.tree()).put("url", base + "/git/trees/" + commit.tree());
        ArrayNode parents = body.putArray("parents");
        commit.parents().forEach(parent -> parents.addObject().put("sha", parent).put("url", base + "/git/commits/" + parent)
                .put("html_url", Payloads.WEB + "/" + repo.fullName() + "/commit/" + parent));
        body.set("verification", verification());
        return body;
    }

    private static ObjectNode verification() {
        ObjectNode verification = Payloads.JSON.createObjectNode().put("verified", false).put("reason", "unsigned");
        verification.putNull("signature").putNull("payload").putNull("verified_at");
        return verification;
    }

    // ---- pull requests

    private Reply createPullRequest(Call call) {
        SimulatedRepository repo = simulator.writableRepository(call, "pull_requests");
        Store store = store(repo);
        String title = call.body().path("title").asText("");
        String head = call.body().path("head").asText("");
        String base = call.body().path("base").asText("");
        if (title.isBlank()) {
            throw validation("PullRequest", "title", "missing_field");
        }
        String headBranch = head.startsWith(repo.owner + ":") ? head.substring(repo.owner.length() + 1) : head;
        if (headBranch.contains(":") || headOf(repo, headBranch).isEmpty()) {
            throw validation("PullRequest", "head", "invalid");
        }
        String baseSha = headOf(repo, base).orElseThrow(() -> validation("PullRequest", "base", "invalid"));
        if (headOf(repo, headBranch).orElseThrow().equals(baseSha)) {
            throw new Refusal(422, "Validation Failed: No commits between " + base + " and " + headBranch);
        }
        boolean duplicate = store.pulls.values().stream().anyMatch(p -> p.head().equals(headBranch) && p.base().equals(base));
        if (duplicate) {
            throw new Refusal(422, "Validation Failed: A pull request already exists for " + repo.owner + ":" + headBranch + ".");
        }
        long number = nextNumber(repo, store);
        PullRequest pull = new PullRequest(number, title, call.body().path("body").asText(null), headBranch, base, baseSha,
                simulator.clock.instant());
        store.pulls.put(number, pull);
        return Reply.of(201, pullRequestBody(repo, pull, call.identity().token().login, true));
    }

    /** Open pull requests (the only state the API makes here), narrowed by {@code head} ({@code owner:branch}) and {@code base}. */
    private Reply listPullRequests(Call call) {
        SimulatedRepository repo = simulator.readableRepository(call, "pull_requests");
        String state = call.query().getOrDefault("state", "open");
        String head = call.query().get("head");
        String base = call.query().get("base");
        List<JsonNode> matching = store(repo).pulls.values().stream()
                .filter(p -> !"closed".equals(state))
                .filter(p -> head == null || head.equals(repo.owner + ":" + p.head()))
                .filter(p -> base == null || base.equals(p.base()))
                .map(p -> (JsonNode) pullRequestBody(repo, p, "tokenwarden-fixer[bot]", false))
                .toList();
        return simulator.paged(call, "/repos/" + repo.fullName() + "/pulls", matching);
    }

    /** GitHub's pull request; {@code full} adds what the single-pull-request form has beyond the list's. */
    private ObjectNode pullRequestBody(SimulatedRepository repo, PullRequest pull, String author, boolean full) {
        String api = simulator.baseUrl + "/repos/" + repo.fullName();
        String url = api + "/pulls/" + pull.number();
        String issueUrl = api + "/issues/" + pull.number();
        String htmlUrl = Payloads.WEB + "/" + repo.fullName() + "/pull/" + pull.number();
        String headSha = headOf(repo, pull.head()).orElse(pull.baseSha());
        String created = Payloads.time(pull.createdAt());
        ObjectNode body = Payloads.JSON.createObjectNode().put("url", url).put("id", pull.number() + 8_000_000L)
                .put("node_id", "PR_" + pull.number()).put("html_url", htmlUrl).put("diff_url", htmlUrl + ".diff")
                .put("patch_url", htmlUrl + ".patch").put("issue_url", issueUrl).put("commits_url", url + "/commits")
                .put("review_comments_url", url + "/comments").put("review_comment_url", api + "/pulls/comments{/number}")
                .put("comments_url", issueUrl + "/comments").put("statuses_url", api + "/statuses/" + headSha)
                .put("number", pull.number()).put("state", "open").put("locked", false).put("title", pull.title())
                .put("body", pull.body()).put("created_at", created).put("updated_at", created).putNull("closed_at").putNull("merged_at")
                .putNull("merge_commit_sha").put("author_association", "NONE").put("draft", false);
        body.set("user", simulator.payloads.simpleUser(author, Math.abs((long) author.hashCode()), "Bot"));
        body.putNull("assignee").putNull("milestone").putNull("auto_merge");
        body.putArray("labels");
        body.putArray("assignees");
        body.putArray("requested_reviewers");
        body.putArray("requested_teams");
        body.set("head", branchBody(repo, pull.head(), headSha));
        body.set("base", branchBody(repo, pull.base(), pull.baseSha()));
        ObjectNode links = body.putObject("_links");
        links.putObject("comments").put("href", issueUrl + "/comments");
        links.putObject("commits").put("href", url + "/commits");
        links.putObject("statuses").put("href", api + "/statuses/" + headSha);
        links.putObject("html").put("href", htmlUrl);
        links.putObject("issue").put("href", issueUrl);
        links.putObject("review_comments").put("href", url + "/comments");
        links.putObject("review_comment").put("href", api + "/pulls/comments{/number}");
        links.putObject("self").put("href", url);
        if (full) {
            Map<String, byte[]> before = filesAt(repo, pull.baseSha()).orElse(Map.of());
            Map<String, byte[]> after = filesAt(repo, headSha).orElse(Map.of());
            body.put("merged", false).putNull("mergeable").putNull("rebaseable").put("mergeable_state", "unknown").putNull("merged_by")
                    .put("comments", 0).put("review_comments", 0).put("maintainer_can_modify", false).put("commits", 1)
                    .put("additions", 0).put("deletions", 0).put("changed_files", changedPaths(before, after).size());
        }
        return body;
    }

    private ObjectNode branchBody(SimulatedRepository repo, String branch, String sha) {
        ObjectNode node = Payloads.JSON.createObjectNode().put("label", repo.owner + ":" + branch).put("ref", branch).put("sha", sha);
        node.set("repo", simulator.payloads.repository(repo));
        node.set("user", simulator.payloads.simpleUser(repo.owner, Math.abs((long) repo.owner.hashCode()), "Organization"));
        return node;
    }

    /** Issues and pull requests share one sequence of numbers in a repository. */
    private static long nextNumber(SimulatedRepository repo, Store store) {
        long highest = repo.issues.size();
        for (Set<Long> taken : List.of(repo.pullRequests.keySet(), repo.merges.keySet(), store.pulls.keySet())) {
            highest = Math.max(highest, taken.stream().mapToLong(Long::longValue).max().orElse(0));
        }
        return highest + 1;
    }

    private static Refusal validation(String resource, String field, String code) {
        return new Refusal(422, "Validation Failed: " + resource + " " + field + " " + code);
    }

    // ---- rules

    /**
     * GitHub refuses to point a branch at a commit that adds, changes or removes a workflow file unless the caller may
     * edit workflows: an installation token needs {@code workflows: write}, a classic PAT the {@code workflow} scope.
     */
    private static void requireWorkflowPermission(Call call, Map<String, byte[]> before, Map<String, byte[]> after) {
        Optional<String> workflow = changedPaths(before, after).stream().filter(path -> path.startsWith(WORKFLOWS)).findFirst();
        TokenState token = call.identity().token();
        if (workflow.isEmpty()) {
            return;
        }
        if (token.kind == TokenKind.INSTALLATION && !"write".equals(token.permissions.get("workflows"))) {
            throw new Refusal(422, "refusing to allow a GitHub App to create or update workflow `" + workflow.get()
                    + "` without `workflows` permission");
        }
        if (token.kind == TokenKind.CLASSIC_PAT && !token.scopes.contains("workflow")) {
            throw new Refusal(422, "refusing to allow a Personal Access Token to create or update workflow `" + workflow.get()
                    + "` without `workflow` scope");
        }
    }

    private static Set<String> changedPaths(Map<String, byte[]> before, Map<String, byte[]> after) {
        Set<String> changed = new TreeSet<>();
        Set<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        for (String path : paths) {
            byte[] old = before.get(path);
            byte[] now = after.get(path);
            if (old == null || now == null || !Arrays.equals(old, now)) {
                changed.add(path);
            }
        }
        return changed;
    }

    private void requireCommit(SimulatedRepository repo, String sha) {
        if (!SHA.matcher(sha).matches() || !isCommit(repo, sha)) {
            throw new Refusal(422, "Object does not exist");
        }
    }

    private boolean isCommit(SimulatedRepository repo, String sha) {
        return sha.equals(repo.head) || store(repo).commits.containsKey(sha);
    }

    /** Whether {@code ancestor} is {@code sha} or one of its ancestors among the commits made here. */
    private boolean descendsFrom(SimulatedRepository repo, String sha, String ancestor) {
        Set<String> seen = new TreeSet<>();
        List<String> pending = new ArrayList<>(List.of(sha));
        while (!pending.isEmpty()) {
            String next = pending.removeLast();
            if (next.equals(ancestor)) {
                return true;
            }
            Commit commit = store(repo).commits.get(next);
            if (seen.add(next) && commit != null) {
                pending.addAll(commit.parents());
            }
        }
        return false;
    }

    /** A tree's files: one made here, or the default branch's root tree. */
    private Map<String, byte[]> tree(SimulatedRepository repo, String sha) {
        if (Objects.equals(sha, GitHubSimulator.treeSha(repo.files, ""))) {
            return new LinkedHashMap<>(repo.files);
        }
        return store(repo).trees.get(sha);
    }

    private Store store(SimulatedRepository repo) {
        return stores.computeIfAbsent(repo.fullName().toLowerCase(Locale.ROOT), k -> new Store());
    }
}
