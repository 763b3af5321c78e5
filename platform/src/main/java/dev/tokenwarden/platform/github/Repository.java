package dev.tokenwarden.platform.github;

/** A repository as an organisation listing shows it. */
public record Repository(long id, String owner, String name, String fullName, String defaultBranch, boolean isPrivate, boolean archived) {
}
