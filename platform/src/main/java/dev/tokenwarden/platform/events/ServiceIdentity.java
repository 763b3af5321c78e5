package dev.tokenwarden.platform.events;

import dev.tokenwarden.events.Service;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** Which service this process is; it names the CloudEvents source and dead-letter topics. */
@ConfigMapping(prefix = "tokenwarden")
public interface ServiceIdentity {
    /** One of {@code rotation-scheduler}, {@code token-broker}, {@code workflow-auditor}, {@code notifier}, {@code console}. */
    @WithName("service")
    String id();

    default Service service() {
        return Service.byId(id()).orElseThrow(() -> new IllegalStateException(
                "tokenwarden.service='" + id() + "' is not one of the tokenwarden services"));
    }
}
