package dev.tokenwarden.notifier.infra;

import dev.tokenwarden.notifier.NotifierConfig;
import dev.tokenwarden.notifier.domain.SendResult;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.TimeoutException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/** Sends one email through Quarkus Mailer (SMTP) and waits a bounded time for the server to accept it. */
@ApplicationScoped
public class EmailSender {
    private final ReactiveMailer mailer;
    private final Duration timeout;

    public EmailSender(ReactiveMailer mailer, NotifierConfig config) {
        this.mailer = mailer;
        this.timeout = config.http().timeout();
    }

    public SendResult send(Mail mail) {
        try {
            mailer.send(mail).await().atMost(timeout);
            return new SendResult(true, null, false, Optional.empty(), "accepted by SMTP server");
        } catch (TimeoutException e) {
            return SendResult.unreachable("SMTP server did not answer within " + timeout);
        } catch (RuntimeException e) {
            return SendResult.unreachable("SMTP failure: " + e.getClass().getSimpleName());
        }
    }
}
