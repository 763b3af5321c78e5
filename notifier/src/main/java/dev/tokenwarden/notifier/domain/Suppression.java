package dev.tokenwarden.notifier.domain;

/** An incident a receiver was not told about, and why (the silence or the inhibiting incident). */
public record Suppression(String incidentKey, String receiver, String groupId, String reason) {
}
