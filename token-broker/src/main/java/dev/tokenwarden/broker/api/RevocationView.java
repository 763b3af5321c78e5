package dev.tokenwarden.broker.api;

import dev.tokenwarden.broker.domain.Revocations;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** How revoking one value ended, by its hash. */
public record RevocationView(String credentialId, String valueHash, Revocations.Revocation.Outcome outcome, String detail) {
    static RevocationView of(Revocations.Revocation revocation) {
        return new RevocationView(revocation.credentialId(), revocation.valueHash(), revocation.outcome(), revocation.detail());
    }

    /** Counts by outcome, for the operator.actions record. */
    static String summary(List<RevocationView> results) {
        Map<String, Long> counts = results.stream().collect(Collectors.groupingBy(
                r -> r.outcome().name().toLowerCase(), TreeMap::new, Collectors.counting()));
        return counts.isEmpty() ? "nothing live" : counts.toString();
    }
}
