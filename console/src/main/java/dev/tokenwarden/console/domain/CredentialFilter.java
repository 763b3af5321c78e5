package dev.tokenwarden.console.domain;

import java.util.Locale;

/**
 * The credential list's filters; a blank one matches everything. {@code text} matches the id, consumer, org or
 * owner, ignoring case.
 */
public record CredentialFilter(String text, String tier, String kind, Health health) {
    public static final CredentialFilter ALL = new CredentialFilter(null, null, null, null);

    public CredentialFilter {
        text = blankToNull(text) == null ? null : text.strip().toLowerCase(Locale.ROOT);
        tier = blankToNull(tier);
        kind = blankToNull(kind);
    }

    boolean matches(CredentialRow row) {
        return (tier == null || tier.equals(row.tier()))
                && (kind == null || kind.equals(row.kindLabel()))
                && (health == null || health == row.health())
                && (text == null || contains(row.id()) || contains(row.consumer()) || contains(row.org()) || contains(row.owner()));
    }

    private boolean contains(String field) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(text);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
