package dev.tokenwarden.sandbox.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * GitHub's response objects with every field GitHub's OpenAPI description marks required, so that the
 * simulator's answers pass the schema check and clients written against it work against GitHub.
 */
final class Payloads {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String WEB = "https://github.example";

    final String api;

    Payloads(String apiBaseUrl) {
        this.api = apiBaseUrl;
    }

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A user, organisation or bot; a bot's login ({@code slug[bot]}) is percent-encoded in its URLs, as GitHub does. */
    ObjectNode simpleUser(String login, long id, String type) {
        String path = URLEncoder.encode(login, StandardCharsets.UTF_8);
        ObjectNode user = JSON.createObjectNode()
                .put("login", login).put("id", id).put("node_id", "U_" + id)
                .put("avatar_url", WEB + "/avatars/" + path).put("gravatar_id", "")
                .put("url", api + "/users/" + path).put("html_url", WEB + "/" + path)
                .put("type", type).put("site_admin", false).put("user_view_type", "public");
        for (String link : List.of("followers", "subscriptions", "organizations", "repos", "received_events")) {
            user.put(link + "_url", api + "/users/" + path + "/" + link);
        }
        user.put("following_url", api + "/users/" + path + "/following{/other_user}")
                .put("gists_url", api + "/users/" + path + "/gists{/gist_id}")
                .put("starred_url", api + "/users/" + path + "/starred{/owner}{/repo}")
                .put("events_url", api + "/users/" + path + "/events{/privacy}");
        return user;
    }

    /** The {@code user} of GitHub's webhook payloads, which allow none of the REST API's newer fields. */
    ObjectNode webhookUser(String login, long id, String type) {
        ObjectNode user = simpleUser(login, id, type);
        user.remove("user_view_type");
        return user;
    }

    /** The {@code repository} of GitHub's webhook payloads. */
    ObjectNode webhookRepository(SimulatedRepository repo) {
        ObjectNode node = repository(repo);
        node.set("owner", webhookUser(repo.owner, Math.abs((long) repo.owner.hashCode()), "Organization"));
        node.put("is_template", false).put("web_commit_signoff_required", false);
        node.putArray("topics");
        node.putObject("custom_properties");
        return node;
    }

    /** {@code GET /user} for a token's owner: the public view. */
    ObjectNode publicUser(String login, long id, Instant createdAt) {
        ObjectNode user = simpleUser(login, id, "User");
        user.putNull("name").putNull("company").put("blog", "").putNull("location").putNull("email").putNull("hireable").putNull("bio")
                .put("public_repos", 0).put("public_gists", 0).put("followers", 0).put("following", 0)
                .put("created_at", time(createdAt)).put("updated_at", time(createdAt));
        return user;
    }

    ObjectNode repository(SimulatedRepository repo) {
        String base = api + "/repos/" + repo.owner + "/" + repo.name;
        ObjectNode node = JSON.createObjectNode()
                .put("id", repo.id).put("node_id", "R_" + repo.id).put("name", repo.name).put("full_name", repo.fullName())
                .put("private", repo.isPrivate).put("visibility", repo.isPrivate ? "private" : "public")
                .put("html_url", WEB + "/" + repo.fullName()).putNull("description").put("fork", false).put("url", base)
                .put("default_branch", repo.defaultBranch).put("archived", repo.archived).put("disabled", false)
                .put("clone_url", WEB + "/" + repo.fullName() + ".git").put("git_url", "git://github.example/" + repo.fullName() + ".git")
                .put("ssh_url", "git@github.example:" + repo.fullName() + ".git").put("svn_url", WEB + "/" + repo.fullName())
                .putNull("mirror_url").putNull("homepage").putNull("language").putNull("license")
                .put("forks", 0).put("forks_count", 0).put("stargazers_count", 0).put("watchers", 0).put("watchers_count", 0)
                .put("open_issues", 0).put("open_issues_count", 0).put("size", 0)
                .put("has_issues", true).put("has_projects", false).put("has_wiki", false).put("has_pages", false)
                .put("has_downloads", false).put("has_discussions", false)
                .put("pushed_at", time(repo.createdAt)).put("created_at", time(repo.createdAt)).put("updated_at", time(repo.createdAt));
        node.set("owner", simpleUser(repo.owner, Math.abs((long) repo.owner.hashCode()), "Organization"));
        Map<String, String> templates = Map.ofEntries(
                Map.entry("archive_url", "/{archive_format}{/ref}"), Map.entry("assignees_url", "/assignees{/user}"),
                Map.entry("blobs_url", "/git/blobs{/sha}"), Map.entry("branches_url", "/branches{/branch}"),
                Map.entry("collaborators_url", "/collaborators{/collaborator}"), Map.entry("comments_url", "/comments{/number}"),
                Map.entry("commits_url", "/commits{/sha}"), Map.entry("compare_url", "/compare/{base}...{head}"),
                Map.entry("contents_url", "/contents/{+path}"), Map.entry("contributors_url", "/contributors"),
                Map.entry("deployments_url", "/deployments"), Map.entry("downloads_url", "/downloads"),
                Map.entry("events_url", "/events"), Map.entry("forks_url", "/forks"),
                Map.entry("git_commits_url", "/git/commits{/sha}"), Map.entry("git_refs_url", "/git/refs{/sha}"),
                Map.entry("git_tags_url", "/git/tags{/sha}"), Map.entry("hooks_url", "/hooks"),
                Map.entry("issue_comment_url", "/issues/comments{/number}"), Map.entry("issue_events_url", "/issues/events{/number}"),
                Map.entry("issues_url", "/issues{/number}"), Map.entry("keys_url", "/keys{/key_id}"),
                Map.entry("labels_url", "/labels{/name}"), Map.entry("languages_url", "/languages"),
                Map.entry("merges_url", "/merges"), Map.entry("milestones_url", "/milestones{/number}"),
                Map.entry("notifications_url", "/notifications{?since,all,participating}"), Map.entry("pulls_url", "/pulls{/number}"),
                Map.entry("releases_url", "/releases{/id}"), Map.entry("stargazers_url", "/stargazers"),
                Map.entry("statuses_url", "/statuses/{sha}"), Map.entry("subscribers_url", "/subscribers"),
                Map.entry("subscription_url", "/subscription"), Map.entry("tags_url", "/tags"), Map.entry("teams_url", "/teams"),
                Map.entry("trees_url", "/git/trees{/sha}"));
        templates.forEach((field, suffix) -> node.put(field, base + suffix));
        return node;
    }

    ObjectNode issue(SimulatedRepository repo, SimulatedIssue issue, String author) {
        String base = api + "/repos/" + repo.owner + "/" + repo.name + "/issues/" + issue.number;
        ObjectNode node = JSON.createObjectNode()
                .put("id", issue.id).put("node_id", "I_" + issue.id).put("url", base)
                .put("repository_url", api + "/repos/" + repo.owner + "/" + repo.name)
                .put("labels_url", base + "/labels{/name}").put("comments_url", base + "/comments").put("events_url", base + "/events")
                .put("html_url", WEB + "/" + repo.fullName() + "/issues/" + issue.number)
                .put("number", issue.number).put("state", issue.state).put("title", issue.title).put("body", issue.body)
                .put("locked", false).putNull("assignee").putNull("milestone").put("comments", issue.comments.size())
                .put("created_at", time(issue.createdAt)).put("updated_at", time(issue.updatedAt))
                .put("author_association", "NONE");
        node.put("closed_at", issue.closedAt == null ? null : time(issue.closedAt));
        node.set("user", simpleUser(author, Math.abs((long) author.hashCode()), "Bot"));
        node.putArray("assignees");
        ArrayNode labels = node.putArray("labels");
        issue.labels.forEach(name -> labels.addObject()
                .put("id", Math.abs((long) name.hashCode())).put("node_id", "LA_" + Math.abs(name.hashCode()))
                .put("url", api + "/repos/" + repo.owner + "/" + repo.name + "/labels/" + name)
                .put("name", name).putNull("description").put("color", "ededed").put("default", false));
        return node;
    }

    ObjectNode issueComment(SimulatedRepository repo, SimulatedIssue issue, long id, String body, String author, Instant now) {
        String issueUrl = api + "/repos/" + repo.owner + "/" + repo.name + "/issues/" + issue.number;
        ObjectNode node = JSON.createObjectNode()
                .put("id", id).put("node_id", "IC_" + id).put("url", api + "/repos/" + repo.owner + "/" + repo.name + "/issues/comments/" + id)
                .put("html_url", WEB + "/" + repo.fullName() + "/issues/" + issue.number + "#issuecomment-" + id)
                .put("issue_url", issueUrl).put("body", body)
                .put("created_at", time(now)).put("updated_at", time(now)).put("author_association", "NONE");
        node.set("user", simpleUser(author, Math.abs((long) author.hashCode()), "Bot"));
        return node;
    }
}
