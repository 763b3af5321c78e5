package dev.tokenwarden.platform.deadletter;

import dev.tokenwarden.platform.api.ProblemException;
import dev.tokenwarden.platform.events.OperatorActionLog;
import dev.tokenwarden.platform.events.ServiceIdentity;
import dev.tokenwarden.platform.security.Caller;
import dev.tokenwarden.platform.security.CurrentPrincipal;
import dev.tokenwarden.platform.security.Roles;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Every service's dead-letter admin API: which dead-letter topics it has, and replaying one once the
 * cause is fixed. The topics are the {@code dead-letter-queue.topic} of the service's own incoming
 * channels, so a service can replay only its own.
 */
@Path("/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dead letters")
public class DeadLetterResource {
    private static final int MAX_PER_CALL = 10_000;

    private final List<String> deadLetterTopics;
    private final DeadLetterReplayer replayer;
    private final CurrentPrincipal principal;
    private final OperatorActionLog actions;
    private final ServiceIdentity identity;
    private final Clock clock;

    public DeadLetterResource(Config config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            ServiceIdentity identity, CurrentPrincipal principal, OperatorActionLog actions, Clock clock) {
        this.deadLetterTopics = StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(name -> name.startsWith("mp.messaging.incoming.") && name.endsWith(".dead-letter-queue.topic"))
                .map(name -> config.getValue(name, String.class))
                .distinct()
                .sorted()
                .toList();
        this.replayer = new DeadLetterReplayer(kafkaConfig, identity.id() + "-dead-letter-replay");
        this.identity = identity;
        this.principal = principal;
        this.actions = actions;
        this.clock = clock;
    }

    public record DeadLetterTopics(List<String> topics) {
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The dead-letter topics of this service's incoming channels")
    public DeadLetterTopics topics() {
        return new DeadLetterTopics(deadLetterTopics);
    }

    @POST
    @Path("/{topic}/replay")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Send dead letters not replayed before back to their original topic",
            description = "Consumers are idempotent on ce_id, so a record that was in fact processed does nothing.")
    public DeadLetterReplayer.Outcome replay(@PathParam("topic") String topic, @QueryParam("max") @DefaultValue("1000") int max) {
        if (!deadLetterTopics.contains(topic)) {
            throw ProblemException.notFound("'" + topic + "' is not a dead-letter topic of " + identity.id()
                    + "; GET /admin/dead-letters lists them");
        }
        if (max < 1 || max > MAX_PER_CALL) {
            throw ProblemException.invalidField("max", "max must be 1 to " + MAX_PER_CALL);
        }
        Caller caller = principal.caller();
        DeadLetterReplayer.Outcome outcome = replayer.replay(topic, max);
        actions.record(caller.action(UUID.randomUUID().toString(), identity.service(), "dead-letter-replay", topic,
                "replayed " + outcome.replayed() + ", skipped " + outcome.skipped() + ", remaining " + outcome.remaining(),
                clock.instant()));
        return outcome;
    }
}
