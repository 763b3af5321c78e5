package dev.tokenwarden.console.domain;

import dev.tokenwarden.events.AuditFinding;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.DeliveryRecord;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.LedgerEntry;
import dev.tokenwarden.events.OperatorAction;
import dev.tokenwarden.events.RotationDue;
import dev.tokenwarden.events.RotationFailed;
import dev.tokenwarden.events.ScanSummary;
import dev.tokenwarden.events.TokenRevoked;
import dev.tokenwarden.events.TokenRotated;
import java.time.Instant;
import java.util.Locale;

/**
 * The console's own picture of the system, built only from events: every method is idempotent, so a
 * redelivered event leaves the model as it was. Plain Java; the consumers feed it, the pages read it.
 */
public final class ReadModel {
    /** The incident type the scheduler raises for a rotation not confirmed in time (its Incidents.OVERDUE). */
    static final String OVERDUE_INCIDENT = "rotation-overdue";

    private final Credentials credentials;
    private final Findings findings = new Findings();
    private final Incidents incidents;
    private final BoundedLog<DeliveryRecord> deliveries;
    private final BoundedLog<OperatorAction> actions;

    public ReadModel(RotationPolicy policy, Limits limits) {
        this.credentials = new Credentials(policy, limits.timeline(), limits.ledger());
        this.incidents = new Incidents(limits.recent());
        this.deliveries = new BoundedLog<>(limits.recent(), d -> d.deliveryId() + "/" + d.attempt() + "/" + d.outcome());
        this.actions = new BoundedLog<>(limits.recent(), OperatorAction::actionId);
    }

    /**
     * How much history the model keeps.
     *
     * @param timeline lifecycle steps per credential
     * @param ledger ledger entries per credential
     * @param recent resolved incidents, deliveries and operator actions
     */
    public record Limits(int timeline, int ledger, int recent) {
    }

    public Credentials credentials() {
        return credentials;
    }

    public Findings findings() {
        return findings;
    }

    public Incidents incidents() {
        return incidents;
    }

    public BoundedLog<DeliveryRecord> deliveries() {
        return deliveries;
    }

    public BoundedLog<OperatorAction> actions() {
        return actions;
    }

    /** {@code entry} null is the tombstone of {@code credentialId}. */
    public void inventory(String credentialId, InventoryEntry entry) {
        credentials.inventory(credentialId, entry);
    }

    public void state(String credentialId, CredentialState state) {
        credentials.state(credentialId, state);
    }

    public void ledger(LedgerEntry entry) {
        credentials.ledger(entry);
    }

    public void rotationDue(String eventId, RotationDue due) {
        credentials.timeline(due.credentialId(), new TimelineEntry(due.dueAt(), "rotation due",
                label(due.reason()) + ", attempt " + due.attempt() + ", deadline " + due.deadline() + ", requested by "
                        + due.requestedBy(), false, eventId));
    }

    public void rotated(String eventId, TokenRotated rotated) {
        credentials.timeline(rotated.credentialId(), new TimelineEntry(rotated.rotatedAt(), "rotated",
                "Vault version " + rotated.vaultVersion() + ", rotation " + rotated.rotationId()
                        + (rotated.expiresAt() == null ? "" : ", expires " + rotated.expiresAt()), false, eventId));
    }

    public void rotationFailed(String eventId, RotationFailed failed) {
        credentials.timeline(failed.credentialId(), new TimelineEntry(failed.failedAt(), "rotation failed",
                "at " + label(failed.step()) + ": " + failed.reason() + " (attempt " + failed.attempt()
                        + (failed.retryable() ? ", will retry)" : ", not retryable)"), true, eventId));
    }

    public void revoked(String eventId, TokenRevoked revoked) {
        credentials.timeline(revoked.credentialId(), new TimelineEntry(revoked.revokedAt(), "revoked",
                "value " + revoked.valueHash().substring(0, 12) + "…: " + revoked.reason(), false, eventId));
    }

    public void finding(AuditFinding finding) {
        findings.finding(finding);
    }

    public void scan(ScanSummary scan) {
        findings.scan(scan);
    }

    public void incident(Incident incident) {
        if (incidents.accept(incident) && OVERDUE_INCIDENT.equals(incident.type())) {
            String credential = incident.labels().get("credential");
            if (credential != null) {
                credentials.overdue(credential, incident.status() == IncidentStatus.FIRING);
            }
        }
    }

    public void delivery(DeliveryRecord delivery) {
        deliveries.add(delivery);
    }

    public void action(OperatorAction action) {
        actions.add(action);
    }

    public Overview overview(Instant now, int listLength) {
        return new Overview(credentials.summary(now, listLength), incidents.open(null, 1, listLength), incidents.openCount(),
                findings.postures(FindingFilter.ALL, 1, listLength));
    }

    public record Overview(Credentials.Summary credentials, Page<Incident> openIncidents, int openIncidentCount,
            Page<Findings.Posture> postures) {
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
