package dev.tokenwarden.broker.domain;

import dev.tokenwarden.events.CredentialState;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The last state of every credential, rebuilt from the compacted {@code credential.state} topic at start. */
public final class CredentialStates {
    private final Map<String, CredentialState> byCredential = new ConcurrentHashMap<>();
    private final BrokerEvents events;

    public CredentialStates(BrokerEvents events) {
        this.events = events;
    }

    public void record(CredentialState state) {
        events.state(state);
        apply(state);
    }

    /** Takes in a state read back from the topic; an older one does not replace a newer one. */
    public void apply(CredentialState state) {
        byCredential.merge(state.credentialId(), state,
                (known, incoming) -> incoming.updatedAt().isBefore(known.updatedAt()) ? known : incoming);
    }

    public void forget(String credentialId) {
        byCredential.remove(credentialId);
    }

    public Optional<CredentialState> get(String credentialId) {
        return Optional.ofNullable(byCredential.get(credentialId));
    }

    public Collection<CredentialState> all() {
        return byCredential.values();
    }
}
