package dev.tokenwarden.events;

import static dev.tokenwarden.events.Service.NOTIFIER;
import static dev.tokenwarden.events.Service.ROTATION_SCHEDULER;
import static dev.tokenwarden.events.Service.TOKEN_BROKER;
import static dev.tokenwarden.events.Service.WORKFLOW_AUDITOR;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue of CloudEvents types: each type's name, topic, payload record, schema file and the
 * services allowed to produce it. Consumers refuse a type from any other source.
 */
public enum EventType {
    INVENTORY_ENTRY("inventory.entry", Topics.INVENTORY, InventoryEntry.class, true, EnumSet.of(ROTATION_SCHEDULER)),
    ROTATION_DUE("rotation.due", Topics.ROTATION_DUE, RotationDue.class, false, EnumSet.of(ROTATION_SCHEDULER)),
    ROTATION_REQUESTED("rotation.requested", Topics.ROTATION_REQUESTS, RotationRequested.class, false, EnumSet.of(ROTATION_SCHEDULER)),
    TOKEN_ROTATED("token.rotated", Topics.TOKEN_LIFECYCLE, TokenRotated.class, false, EnumSet.of(TOKEN_BROKER)),
    TOKEN_ROTATION_FAILED("token.rotation-failed", Topics.TOKEN_LIFECYCLE, RotationFailed.class, false, EnumSet.of(TOKEN_BROKER)),
    TOKEN_REVOKED("token.revoked", Topics.TOKEN_LIFECYCLE, TokenRevoked.class, false, EnumSet.of(TOKEN_BROKER)),
    CREDENTIAL_STATE("credential.state", Topics.CREDENTIAL_STATE, CredentialState.class, true, EnumSet.of(TOKEN_BROKER)),
    LEDGER_ENTRY("ledger.entry", Topics.LEDGER, LedgerEntry.class, true, EnumSet.of(TOKEN_BROKER)),
    CREDENTIAL_USAGE("credential.usage", Topics.CREDENTIAL_USAGE, CredentialUsage.class, true, EnumSet.of(TOKEN_BROKER)),
    AUDIT_LOG_CURSOR("audit-log.cursor", Topics.CREDENTIAL_USAGE, AuditLogCursor.class, true, EnumSet.of(TOKEN_BROKER)),
    RATE_LIMIT_OBSERVED("github.ratelimit", Topics.GITHUB_RATELIMIT, RateLimitObservation.class, true, Service.producers()),
    CREDENTIAL_EXPOSED("credential.exposed", Topics.CREDENTIAL_EXPOSED, CredentialExposed.class, false, EnumSet.of(WORKFLOW_AUDITOR)),
    AUDIT_FINDING("audit.finding", Topics.AUDIT_FINDINGS, AuditFinding.class, false, EnumSet.of(WORKFLOW_AUDITOR)),
    AUDIT_SCAN("audit.scan", Topics.AUDIT_SCANS, ScanSummary.class, false, EnumSet.of(WORKFLOW_AUDITOR)),
    AUDIT_BASELINE("audit.baseline", Topics.AUDIT_BASELINE, AuditBaseline.class, true, EnumSet.of(WORKFLOW_AUDITOR)),
    AUDIT_ORG_SCAN("audit.org-scan", Topics.AUDIT_ORG_SCANS, OrgScanProgress.class, true, EnumSet.of(WORKFLOW_AUDITOR)),
    FIX_PROPOSED("fix.proposed", Topics.AUDIT_FIXES, FixProposed.class, false, EnumSet.of(WORKFLOW_AUDITOR)),
    INCIDENT("incident", Topics.INCIDENTS, Incident.class, false, Service.producers()),
    NOTIFICATION_DELIVERY("notification.delivery", Topics.NOTIFICATIONS, DeliveryRecord.class, false, EnumSet.of(NOTIFIER)),
    SILENCE("silence", Topics.SILENCES, SilenceRecord.class, true, EnumSet.of(NOTIFIER)),
    OPERATOR_ACTION("operator.action", Topics.OPERATOR_ACTIONS, OperatorAction.class, false, Service.producers());

    /** Every type name is reverse-DNS and versioned: {@code dev.tokenwarden.<name>.v1}. */
    public static final String TYPE_PREFIX = "dev.tokenwarden.";

    private final String name;
    private final String topic;
    private final Class<? extends Record> payload;
    private final boolean compacted;
    private final Set<Service> producers;

    EventType(String name, String topic, Class<? extends Record> payload, boolean compacted, Set<Service> producers) {
        this.name = name;
        this.topic = topic;
        this.payload = payload;
        this.compacted = compacted;
        this.producers = Set.copyOf(producers);
    }

    /** The CloudEvents {@code type} attribute. */
    public String ceType() {
        return TYPE_PREFIX + name + ".v1";
    }

    public String topic() {
        return topic;
    }

    public Class<? extends Record> payload() {
        return payload;
    }

    /** A compacted topic holds state: a record with no body is a tombstone that deletes its key. */
    public boolean compacted() {
        return compacted;
    }

    public Set<Service> producers() {
        return producers;
    }

    public boolean mayBeProducedBy(Service service) {
        return producers.contains(service);
    }

    /** Classpath location of the payload's JSON Schema. */
    public String schemaResource() {
        return "/schemas/" + ceType() + ".json";
    }

    public static Optional<EventType> byCeType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.ceType().equals(ceType)).findFirst();
    }
}
