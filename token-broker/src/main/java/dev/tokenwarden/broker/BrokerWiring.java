package dev.tokenwarden.broker;

import dev.tokenwarden.broker.domain.AuditLog;
import dev.tokenwarden.broker.domain.AuditLogPoller;
import dev.tokenwarden.broker.domain.BrokerEvents;
import dev.tokenwarden.broker.domain.CredentialMinter;
import dev.tokenwarden.broker.domain.CredentialStates;
import dev.tokenwarden.broker.domain.CredentialVerifier;
import dev.tokenwarden.broker.domain.DueRotations;
import dev.tokenwarden.broker.domain.Ledger;
import dev.tokenwarden.broker.domain.PatIntake;
import dev.tokenwarden.broker.domain.PendingUploads;
import dev.tokenwarden.broker.domain.RateLimits;
import dev.tokenwarden.broker.domain.RefreshGrants;
import dev.tokenwarden.broker.domain.UserTokenRefresh;
import dev.tokenwarden.broker.domain.UserTokenRefresher;
import dev.tokenwarden.broker.domain.Revocations;
import dev.tokenwarden.broker.domain.Revoker;
import dev.tokenwarden.broker.domain.RotationEngine;
import dev.tokenwarden.broker.domain.SecretStore;
import dev.tokenwarden.broker.domain.TierCatalogue;
import dev.tokenwarden.broker.domain.UsageBook;
import dev.tokenwarden.broker.domain.UsageMonitor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The composition root: the plain-Java domain built from configuration and the adapters of its ports. */
@ApplicationScoped
public class BrokerWiring {
    @Produces
    @Singleton
    Ledger ledger(BrokerEvents events) {
        return new Ledger(events);
    }

    @Produces
    @Singleton
    CredentialStates credentialStates(BrokerEvents events) {
        return new CredentialStates(events);
    }

    @Produces
    @Singleton
    RateLimits rateLimits() {
        return new RateLimits();
    }

    @Produces
    @Singleton
    TierCatalogue tiers(BrokerConfig config) {
        return config.catalogue();
    }

    @Produces
    @Singleton
    RotationEngine rotationEngine(SecretStore store, CredentialVerifier verifier, Ledger ledger, CredentialStates states,
            BrokerEvents events, Clock clock, BrokerConfig config) {
        return new RotationEngine(store, verifier, ledger, states, events, clock, config.overlap());
    }

    @Produces
    @Singleton
    PatIntake patIntake(RotationEngine engine, CredentialVerifier verifier, TierCatalogue tiers, Ledger ledger, Clock clock,
            PendingUploads pending) {
        return new PatIntake(engine, verifier, tiers, ledger, clock, pending);
    }

    @Produces
    @Singleton
    DueRotations dueRotations(RotationEngine engine, PatIntake pats, UserTokenRefresh userTokens, CredentialMinter minter,
            Revoker revoker, RateLimits rateLimits, TierCatalogue tiers, Clock clock) {
        return new DueRotations(engine, pats, userTokens, minter, revoker, rateLimits, tiers, clock);
    }

    @Produces
    @Singleton
    UserTokenRefresh userTokenRefresh(RefreshGrants grants, UserTokenRefresher refresher, BrokerEvents events, Clock clock) {
        return new UserTokenRefresh(grants, refresher, events, clock);
    }

    @Produces
    @Singleton
    UsageBook usageBook() {
        return new UsageBook();
    }

    @Produces
    @Singleton
    UsageMonitor usageMonitor(Ledger ledger, UsageBook book, BrokerEvents events, Clock clock, BrokerConfig config) {
        return new UsageMonitor(ledger, book, events, config.usage().policy(), clock);
    }

    @Produces
    @Singleton
    AuditLogPoller auditLogPoller(AuditLog auditLog, UsageMonitor monitor, UsageBook book, BrokerConfig config) {
        return new AuditLogPoller(auditLog, monitor, book, config.usage().maxPagesPerPoll());
    }

    @Produces
    @Singleton
    Revocations revocations(SecretStore store, Revoker revoker, Ledger ledger, CredentialStates states, BrokerEvents events,
            Clock clock, BrokerConfig config) {
        return new Revocations(store, revoker, ledger, states, events, clock, config.versionsSearched(),
                config.revocationFailuresBeforeIncident());
    }
}
