package dev.tokenwarden.auditor.domain.model;

import java.util.Locale;
import java.util.Optional;

/**
 * What a {@code uses:} names: a repository action or reusable workflow ({@code owner/repo[/path]@ref}),
 * a local path ({@code ./...}) or a Docker image ({@code docker://image[:tag][@digest]}).
 */
public record UsesRef(Kind kind, String owner, String repo, String path, String ref, String raw) {

    public enum Kind { REPOSITORY, LOCAL, DOCKER }

    public static Optional<UsesRef> parse(String uses) {
        String raw = uses.strip();
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        if (raw.startsWith("./") || raw.startsWith(".\\")) {
            return Optional.of(new UsesRef(Kind.LOCAL, "", "", raw, "", raw));
        }
        if (raw.startsWith("docker://")) {
            return Optional.of(new UsesRef(Kind.DOCKER, "", "", raw.substring("docker://".length()), "", raw));
        }
        int at = raw.lastIndexOf('@');
        String name = at < 0 ? raw : raw.substring(0, at);
        String ref = at < 0 ? "" : raw.substring(at + 1);
        String[] parts = name.split("/", 3);
        if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UsesRef(Kind.REPOSITORY, parts[0].toLowerCase(Locale.ROOT), parts[1].toLowerCase(Locale.ROOT),
                parts.length == 3 ? parts[2] : "", ref, raw));
    }

    /** {@code owner/repo} in lower case; what advisories and policies name. */
    public String repository() {
        return owner + "/" + repo;
    }

    /** {@code owner/repo[/path]} in lower case, without the ref. */
    public String action() {
        return path.isEmpty() ? repository() : repository() + "/" + path.toLowerCase(Locale.ROOT);
    }

    public boolean isPinnedToCommit() {
        return ref.length() == 40 && ref.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    public boolean is(String ownerSlashRepo) {
        return kind == Kind.REPOSITORY && repository().equals(ownerSlashRepo.toLowerCase(Locale.ROOT));
    }

    /** True for an image reference carrying an {@code @sha256:} digest. */
    public static boolean imageHasDigest(String image) {
        return image.contains("@sha256:") || image.contains("@sha512:");
    }
}
