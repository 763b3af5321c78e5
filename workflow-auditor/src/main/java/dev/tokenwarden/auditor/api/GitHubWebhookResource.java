package dev.tokenwarden.auditor.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenwarden.auditor.AuditorConfig;
import dev.tokenwarden.auditor.domain.webhook.DeliveryLog;
import dev.tokenwarden.auditor.domain.webhook.WebhookSignature;
import dev.tokenwarden.auditor.messaging.GitHubEventHandler;
import dev.tokenwarden.platform.api.ProblemException;
import dev.tokenwarden.platform.github.GitHubException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * The GitHub App's one webhook URL. No API key: a delivery is authenticated by its {@code X-Hub-Signature-256}
 * over the raw body. A delivery id already handled is acknowledged (202) without a second scan.
 */
@Path("/webhooks/github")
@Tag(name = "webhooks")
@Blocking
public class GitHubWebhookResource {
    private static final Logger LOG = Logger.getLogger(GitHubWebhookResource.class);
    private static final Set<String> HANDLED_EVENTS = Set.of("push", "pull_request", "secret_scanning_alert");

    private final Optional<WebhookSignature> signature;
    private final DeliveryLog deliveries;
    private final GitHubEventHandler handler;
    private final ObjectMapper json;
    private final AuditorConfig config;

    public GitHubWebhookResource(AuditorConfig config, DeliveryLog deliveries, GitHubEventHandler handler, ObjectMapper json) {
        this.signature = config.webhookSecret().map(WebhookSignature::new);
        this.deliveries = deliveries;
        this.handler = handler;
        this.json = json;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    @Operation(summary = "GitHub App webhook (push, pull_request, secret_scanning_alert, ping); authenticated by X-Hub-Signature-256")
    public Response deliver(@HeaderParam("X-GitHub-Event") String event, @HeaderParam("X-GitHub-Delivery") String deliveryId,
                            @HeaderParam("X-Hub-Signature-256") String signatureHeader, byte[] body) {
        if (signature.isEmpty() || !signature.get().verifies(body, signatureHeader)) {
            throw new ProblemException(401, "bad-signature", "Bad webhook signature",
                    "X-Hub-Signature-256 is missing or does not match the body", null);
        }
        if ("ping".equals(event)) {
            return Response.ok().build();
        }
        if (deliveryId == null || deliveryId.isBlank()) {
            throw ProblemException.invalidField("X-GitHub-Delivery", "the delivery id header is required");
        }
        if (!HANDLED_EVENTS.contains(event)) {
            return Response.accepted().build();
        }
        if (!deliveries.firstTime(deliveryId)) {
            return Response.accepted().build();
        }
        try {
            JsonNode payload = json.readTree(body);
            await(switch (event) {
                case "push" -> handler.push(deliveryId, payload);
                case "pull_request" -> handler.pullRequest(deliveryId, payload);
                default -> handler.secretScanningAlert(payload);
            });
        } catch (IOException e) {
            deliveries.forget(deliveryId);
            throw new ProblemException(400, "malformed-json", "Malformed request body", "the delivery is not valid JSON", null);
        } catch (GitHubException | IllegalStateException e) {
            deliveries.forget(deliveryId);
            LOG.warnf("delivery %s (%s) not handled: %s", deliveryId, event, e.getClass().getSimpleName());
            throw new ProblemException(503, "github-unavailable", "Delivery not handled",
                    "GitHub could not be read or the result not published; redeliver later", null);
        }
        return Response.accepted().build();
    }

    private void await(CompletionStage<?> published) {
        try {
            published.toCompletableFuture().get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("not published", e);
        }
    }
}
