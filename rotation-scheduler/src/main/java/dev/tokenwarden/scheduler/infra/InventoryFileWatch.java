package dev.tokenwarden.scheduler.infra;

import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.scheduler.config.SchedulerConfig;
import dev.tokenwarden.scheduler.domain.InventoryRejectedException;
import dev.tokenwarden.scheduler.domain.InventoryValidator;
import dev.tokenwarden.scheduler.domain.Schedule;
import dev.tokenwarden.scheduler.messaging.Readiness;
import dev.tokenwarden.scheduler.messaging.ScheduleOutbox;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
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
 * Imports the inventory file at start and whenever its content changes (polled, so it works on any file
 * system and through ConfigMap symlink swaps). The file is validated as a whole; only entries that differ
 * from the inventory topic are written. Removing an entry from the file does not delete it: deletions are
 * explicit, through the REST API.
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
    private volatile String lastOutcome = "no inventory file configured";

    public InventoryFileWatch(SchedulerConfig config, InventoryValidator validator, Schedule schedule, ScheduleOutbox outbox, Readiness readiness) {
        this.file = config.inventoryFile().path();
        this.yaml = new InventoryYaml(config.inventoryFile().maxBytes());
        this.validator = validator;
        this.schedule = schedule;
        this.outbox = outbox;
        this.readiness = readiness;
    }

    @Scheduled(every = "${tokenwarden.scheduler.inventory-file.poll-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (file.isEmpty() || !readiness.rebuilt()) {
            return;
        }
        byte[] digest;
        byte[] content;
        try {
            content = Files.readAllBytes(file.get());
            digest = sha256(content);
        } catch (IOException e) {
            lastOutcome = "cannot read " + file.get() + ": " + e.getClass().getSimpleName();
            return;
        }
        if (Arrays.equals(digest, lastImported)) {
            return;
        }
        try {
            List<InventoryEntry> entries = yaml.read(content);
            validator.requireValid(entries);
            int written = 0;
            for (InventoryEntry entry : entries) {
                if (!schedule.entry(entry.id()).filter(entry::equals).isPresent()) {
                    outbox.put(entry);
                    written++;
                }
            }
            lastImported = digest;
            lastOutcome = "imported " + file.get() + ": " + entries.size() + " entries, " + written + " written";
            LOG.info(lastOutcome);
        } catch (InventoryRejectedException e) {
            lastImported = digest;
            lastOutcome = "refused " + file.get() + ", nothing applied: " + e.getMessage();
            LOG.error(lastOutcome);
        } catch (ScheduleOutbox.SendFailedException e) {
            lastOutcome = "import of " + file.get() + " interrupted, will retry: " + e.getMessage();
            LOG.warn(lastOutcome);
        }
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
