package dev.tokenwarden.console.domain;

import dev.tokenwarden.events.CredentialKind;
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

    /** Checked on the model's own fields, so a filter over 100,000 credentials allocates nothing per credential. */
    boolean matches(String id, CredentialKind rowKind, String rowTier, String org, String consumer, String owner, Health rowHealth) {
        return (tier == null || tier.equals(rowTier))
                && (kind == null || kind.equals(CredentialRow.label(rowKind)))
                && (health == null || health == rowHealth)
                && (text == null || contains(id) || contains(consumer) || contains(org) || contains(owner));
    }

    private boolean contains(String field) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(text);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
