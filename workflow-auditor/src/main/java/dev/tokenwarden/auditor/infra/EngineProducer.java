package dev.tokenwarden.auditor.infra;

import dev.tokenwarden.auditor.AuditorConfig;
import dev.tokenwarden.auditor.domain.baseline.Baselines;
import dev.tokenwarden.auditor.domain.config.AuditConfig;
import dev.tokenwarden.auditor.domain.engine.Engine;
import dev.tokenwarden.auditor.domain.orgscan.OrgScans;
import dev.tokenwarden.auditor.domain.orgscan.RequestPacing;
import dev.tokenwarden.auditor.domain.report.Reports;
import dev.tokenwarden.auditor.domain.rules.RuleCatalogue;
import dev.tokenwarden.auditor.domain.webhook.DeliveryLog;
import dev.tokenwarden.platform.github.Sleeper;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The plain-Java parts as beans: one rule catalogue, engine (thread-safe), report writer, baseline, org scan and delivery
 * memory, and the org scans' request pacing.
 */
public class EngineProducer {

    @Produces
    @Singleton
    RuleCatalogue catalogue() {
        return RuleCatalogue.standard();
    }

    @Produces
    @Singleton
    Engine engine(RuleCatalogue catalogue, AuditorConfig config) {
        return new Engine(catalogue, new AuditConfig(Map.of(), config.maxFileBytes(), config.docsBaseUrl()));
    }

    @Produces
    @Singleton
    Reports reports(RuleCatalogue catalogue, AuditorConfig config,
                    @ConfigProperty(name = "quarkus.application.version", defaultValue = "0.1.0") String version) {
        return new Reports(catalogue, config.docsBaseUrl(), version);
    }

    @Produces
    @Singleton
    RequestPacing orgScanPacing(AuditorConfig config, Clock clock) {
        return new RequestPacing(config.orgScan().concurrency(), config.orgScan().requestsPerMinute(), clock, Sleeper.THREAD);
    }

    @Produces
    @Singleton
    Baselines baselines() {
        return new Baselines();
    }

    @Produces
    @Singleton
    DeliveryLog deliveryLog(AuditorConfig config) {
        return new DeliveryLog(config.rememberedDeliveries());
    }

    @Produces
    @Singleton
    OrgScans orgScans() {
        return new OrgScans();
    }
}
