package dev.tokenwarden.scheduler.infra;

import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.scheduler.config.SchedulerConfig;
import dev.tokenwarden.scheduler.domain.InventoryRejectedException;
import dev.tokenwarden.scheduler.domain.InventoryValidator;
import dev.tokenwarden.scheduler.domain.Schedule;
import dev.tokenwarden.scheduler.messaging.Readiness;
import dev.tokenwarden.scheduler.messaging.ScheduleOutbox;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Imports the inventory file as soon as the schedule is rebuilt and whenever its content changes (polled, so
 * it works on any file system and through ConfigMap symlink swaps). The file is validated as a whole; only
 * entries that differ from the inventory topic are written. Removing an entry from the file does not delete
 * it: deletions are explicit, through the REST API.
 */
@ApplicationScoped
public class InventoryFileWatch {
    private static final Logger LOG = Logger.getLogger(InventoryFileWatch.class);

    private final Optional<Path> file;
    private final InventoryYaml yaml;
    private final InventoryValidator validator;
    private final Schedule schedule;
    private final ScheduleOutbox outbox;
    private final Readiness readiness;
    private byte[] lastImported;
    private volatile boolean lookedAt;
    private volatile List<InventoryEntry> written = List.of();
    private volatile String lastOutcome;

    public InventoryFileWatch(SchedulerConfig config, InventoryValidator validator, Schedule schedule, ScheduleOutbox outbox, Readiness readiness) {
        this.file = config.inventoryFile().path();
        this.yaml = new InventoryYaml(config.inventoryFile().maxBytes());
        this.validator = validator;
        this.schedule = schedule;
        this.outbox = outbox;
        this.readiness = readiness;
        this.lastOutcome = file.isPresent() ? "not read yet: the schedule is being rebuilt" : "no inventory file configured";
    }

    @Scheduled(every = "${tokenwarden.scheduler.inventory-file.poll-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void poll() {
        if (file.isEmpty() || !readiness.rebuilt()) {
            return;
        }
        if (look()) {
            lookedAt = true;
        }
    }

    /**
     * The first look follows the rebuild within 50 ms rather than at the next poll, up to {@code poll-every} later: a
     * caller told the scheduler is ready expects the file's credentials, and readiness waits for them.
     */
    void lookOnceRebuilt(@Observes StartupEvent start, Vertx vertx) {
        if (file.isEmpty()) {
            return;
        }
        vertx.setPeriodic(50, timer -> {
            if (readiness.rebuilt()) {
                vertx.cancelTimer(timer);
                vertx.executeBlocking(() -> {
                    poll();
                    return null;
                }, false);
            }
        });
    }

    /** Imports the file if it changed; false when Kafka did not take it, so the next poll tries again. */
    private boolean look() {
        byte[] digest;
        byte[] content;
        try {
            content = Files.readAllBytes(file.get());
            digest = sha256(content);
        } catch (IOException e) {
            lastOutcome = "cannot read " + file.get() + ": " + e.getClass().getSimpleName();
            return true;
        }
        if (Arrays.equals(digest, lastImported)) {
            return true;
        }
        try {
            List<InventoryEntry> entries = yaml.read(content);
            validator.requireValid(entries);
            List<InventoryEntry> changed = entries.stream().filter(entry -> !inSchedule(entry)).toList();
            for (InventoryEntry entry : changed) {
                outbox.put(entry);
            }
            written = changed;
            lastImported = digest;
            lastOutcome = "imported " + file.get() + ": " + entries.size() + " entries, " + changed.size() + " written";
            LOG.info(lastOutcome);
            return true;
        } catch (InventoryRejectedException e) {
            lastImported = digest;
            lastOutcome = "refused " + file.get() + ", nothing applied: " + e.getMessage();
            LOG.error(lastOutcome);
            return true;
        } catch (ScheduleOutbox.SendFailedException e) {
            lastOutcome = "import of " + file.get() + " interrupted, will retry: " + e.getMessage();
            LOG.warn(lastOutcome);
            return false;
        }
    }

    /**
     * Whether the file, if one is configured, has been looked at since the rebuild and what it wrote has been
     * read back into the schedule. A file refused or unreadable counts as looked at: its outcome says why.
     */
    public boolean applied() {
        return file.isEmpty() || lookedAt && written.stream().allMatch(this::inSchedule);
    }

    /** The schedule holds {@code entry} as it is: read back from the inventory topic. */
    private boolean inSchedule(InventoryEntry entry) {
        return schedule.entry(entry.id()).filter(entry::equals).isPresent();
    }

    /** What the last look at the file found, for operators. */
    public String lastOutcome() {
        return lastOutcome;
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
