package dev.tokenwarden.notifier.infra;

import dev.tokenwarden.notifier.NotifierConfig;
import dev.tokenwarden.notifier.domain.AddressRange;
import dev.tokenwarden.notifier.domain.OutboundTargetGuard;
import dev.tokenwarden.notifier.domain.SendResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way the notifier calls out over HTTP. Each URL passes the {@link OutboundTargetGuard} first; the
 * connection then goes to the address the guard checked (Vert.x's {@code server} option) while the Host header
 * and TLS SNI carry the original name, so DNS cannot answer differently between check and connect. Redirects
 * are never followed: a 3xx is a failure. Errors name the failure class only, because webhook URLs are secrets.
 * The connection pool allows as many connections per server as attempts may be in flight over all receivers
 * ({@code max-in-flight} each): receivers often share a host (two Slack channels, webhooks behind one gateway),
 * and a pool sized for one receiver let a slow one's attempts take every connection while a fast one's waited
 * for them, so a request never spends its timeout queued behind another receiver's deliveries.
 */
@ApplicationScoped
public class PinnedHttpClient {
    private final OutboundTargetGuard guard;
    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    @Inject
    public PinnedHttpClient(Vertx vertx, NotifierConfig config, Clock clock) {
        this(vertx, config.outbound().allow().orElse(List.of()).stream().map(AddressRange::parse).toList(),
                config.http().timeout(), connectionsPerServer(config.maxInFlight(), config.receivers().size()), clock);
    }

    /** Every receiver's attempts in flight at once, should all receivers share one server. */
    static int connectionsPerServer(int maxInFlight, int receivers) {
        return maxInFlight * Math.max(1, receivers);
    }

    PinnedHttpClient(Vertx vertx, List<AddressRange> allow, Duration timeout, int connectionsPerServer, Clock clock) {
        this.guard = new OutboundTargetGuard(OutboundTargetGuard.Resolver.SYSTEM, allow);
        this.timeout = timeout;
        this.clock = clock;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setForceSni(true)
                .setVerifyHost(true)
                .setKeepAlive(false),
                new PoolOptions().setHttp1MaxSize(connectionsPerServer));
    }

    public SendResult post(URI url, Map<String, String> headers, byte[] body) {
        OutboundTargetGuard.CheckedTarget target;
        try {
            target = guard.check(url);
        } catch (OutboundTargetGuard.RefusedTargetException e) {
            return SendResult.refused("refused by outbound guard: " + e.getMessage());
        }
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.tls())
                .setURI(path)
                .setFollowRedirects(false)
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis());
        headers.forEach(options::addHeader);
        try {
            HttpClientResponse response = client.request(options)
                    .compose(request -> request.send(Buffer.buffer(body)))
                    .compose(r -> r.body().map(ignored -> r))
                    .toCompletionStage().toCompletableFuture()
                    .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return SendResult.delivered(status);
            }
            if (status >= 300 && status < 400) {
                return new SendResult(false, status, false, Optional.empty(), "HTTP " + status + ": redirect not followed");
            }
            return SendResult.rejected(status, SendResult.retryAfter(response.getHeader("Retry-After"), clock.instant()));
        } catch (ExecutionException e) {
            return SendResult.unreachable("no answer: " + e.getCause().getClass().getSimpleName());
        } catch (TimeoutException e) {
            return SendResult.unreachable("no answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.unreachable("interrupted");
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
