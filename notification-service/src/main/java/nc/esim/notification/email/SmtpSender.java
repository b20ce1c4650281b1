package nc.esim.notification.email;

import nc.esim.notification.templates.EmailContent;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.TimeoutException;
import io.vertx.ext.mail.SMTPException;

/**
 * Sends email with the Quarkus reactive mailer ({@code quarkus.mailer.*}: the server, STARTTLS, the pool of
 * kept-alive connections, as many as {@code notification.email.window}). A 5xx reply is permanent (the
 * address or the message is refused); everything else (no connection, no answer within
 * {@code quarkus.mailer.timeout}, a 4xx reply) is transient and worth retrying.
 */
@ApplicationScoped
public class SmtpSender {
    private final ReactiveMailer mailer;
    private final Duration timeout;

    public SmtpSender(ReactiveMailer mailer, @ConfigProperty(name = "quarkus.mailer.timeout") Duration timeout) {
        this.mailer = mailer;
        this.timeout = timeout;
    }

    /** A send that did not go through; {@code permanent} when retrying cannot help. */
    public static final class SendFailure extends Exception {
        private final boolean permanent;
        private final boolean reached;

        SendFailure(String reason, boolean permanent, boolean reached, Throwable cause) {
            super(reason, cause);
            this.permanent = permanent;
            this.reached = reached;
        }

        public boolean permanent() {
            return permanent;
        }

        /** Whether the server answered (a refusal) rather than could not be reached or did not answer. */
        public boolean reached() {
            return reached;
        }
    }

    /**
     * Starts sending; the future completes when the server accepted the message, or exceptionally with a
     * {@link SendFailure}. {@code messageId} is stable per notification, so a re-send is recognisable.
     * Several sends may be in flight at once: the mailer keeps a pool of connections.
     */
    public CompletableFuture<Void> send(String to, EmailContent content, String messageId) {
        Mail mail = Mail.withText(to, content.subject(), content.text()).setHtml(content.html())
                .addHeader("Message-ID", "<" + messageId + "@notification.esim.nc>");
        return mailer.send(mail).ifNoItem().after(timeout).fail()
                .onFailure().transform(this::failureOf)
                .subscribeAsCompletionStage();
    }

    private SendFailure failureOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof SMTPException smtp) {
            return new SendFailure("SMTP " + smtp.getReplyCode() + " " + smtp.getReplyMessage(), smtp.isPermanent(), true,
                    smtp);
        }
        if (cause instanceof TimeoutException) {
            return new SendFailure("no answer from the SMTP server within " + timeout, false, false, cause);
        }
        return new SendFailure(String.valueOf(cause), false, false, cause);
    }

    /** The failure a send started by {@link #send} completed with. */
    public static SendFailure failure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof SendFailure sendFailure ? sendFailure
                : new SendFailure(String.valueOf(cause), false, false, cause);
    }
}
