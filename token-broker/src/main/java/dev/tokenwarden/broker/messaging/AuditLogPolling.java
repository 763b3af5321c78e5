package dev.tokenwarden.broker.messaging;

import dev.tokenwarden.broker.BrokerConfig;
import dev.tokenwarden.broker.domain.AuditLogPoller;
import dev.tokenwarden.broker.domain.RetryBackoff;
import dev.tokenwarden.broker.domain.UsageMonitor;
import dev.tokenwarden.broker.infra.github.GitHubAuditLog;
import dev.tokenwarden.events.Topics;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Reads the configured organisations' audit logs on a schedule, once the broker's state is rebuilt, then reports
 * credentials unused past their tier's window. A failed poll (GitHub unavailable or rate limited after the client's
 * own bounded retries, a malformed page, Vault unreadable) is logged and tried again after a backoff that doubles
 * per failure up to a bound; nothing it throws escapes the schedule.
 *
 * <p>Of several replicas, only the holder of the {@link PollerLease} polls (partition 0 of {@code credential.usage} in
 * the group {@code token-broker-audit-log-poller}), and only once it has read the cursors the previous holder wrote, so
 * a use is reported once; when the holder stops, another replica takes over at the next rebalance.
 */
@ApplicationScoped
public class AuditLogPolling {
    static final String LEASE_GROUP = "token-broker-audit-log-poller";
    private static final Logger LOG = Logger.getLogger(AuditLogPolling.class);

    private final AuditLogPoller poller;
    private final UsageMonitor monitor;
    private final StateRebuild rebuild;
    private final GitHubAuditLog auditLog;
    private final Set<String> orgs;
    private final Map<String, RetryBackoff> backoffs = new TreeMap<>();
    private final Map<String, Object> kafkaConfig;
    private PollerLease lease;

    public AuditLogPolling(AuditLogPoller poller, UsageMonitor monitor, StateRebuild rebuild, GitHubAuditLog auditLog, BrokerConfig config,
            Clock clock, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.kafkaConfig = kafkaConfig;
        this.poller = poller;
        this.monitor = monitor;
        this.rebuild = rebuild;
        this.auditLog = auditLog;
        this.orgs = config.usage().orgs().orElse(Set.of());
        Duration first = config.usage().retryBackoff();
        Duration max = config.usage().maxRetryBackoff();
        orgs.forEach(org -> backoffs.put(org, new RetryBackoff(first, max, clock)));
    }

    /** Joins the lease's group at start when usage monitoring is on, so leadership is settled before the first poll. */
    void start(@Observes StartupEvent started) {
        if (!orgs.isEmpty() && auditLog.configured()) {
            lease = new PollerLease(kafkaConfig, Topics.CREDENTIAL_USAGE, LEASE_GROUP, "token-broker-" + UUID.randomUUID());
        }
    }

    @PreDestroy
    void stop() {
        if (lease != null) {
            lease.close();
        }
    }

    @Scheduled(every = "${tokenwarden.broker.usage.poll-interval}", delayed = "${tokenwarden.broker.usage.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (lease != null && lease.held() && rebuild.ready() && rebuild.caughtUpWith(lease.endsWhenAcquired())) {
            lease.whileHeld(this::pollDue);
        }
    }

    /** Polls each organisation whose backoff has passed; reports unused credentials when every one was read to its end. */
    public synchronized List<AuditLogPoller.Poll> pollDue() {
        boolean allCaughtUp = true;
        List<AuditLogPoller.Poll> polls = new ArrayList<>();
        for (Map.Entry<String, RetryBackoff> org : backoffs.entrySet()) {
            RetryBackoff backoff = org.getValue();
            if (!backoff.due()) {
                allCaughtUp = false;
                continue;
            }
            try {
                AuditLogPoller.Poll poll = poller.poll(org.getKey());
                backoff.succeeded();
                polls.add(poll);
                allCaughtUp &= poll.caughtUp();
                LOG.debugf("audit log of %s: %d pages, %d new events, %d uses of issued credentials", org.getKey(), poll.pages(), poll.events(),
                        poll.matched());
            } catch (RuntimeException e) {
                allCaughtUp = false;
                Duration wait = backoff.failed();
                LOG.warnf("reading the audit log of %s failed (%d in a row), next try in %s: %s", org.getKey(), backoff.failures(), wait,
                        e.getMessage());
            }
        }
        if (allCaughtUp) {
            monitor.reportUnused().forEach(id -> LOG.infof("%s is unused past its tier's window", id));
        }
        return polls;
    }
}
