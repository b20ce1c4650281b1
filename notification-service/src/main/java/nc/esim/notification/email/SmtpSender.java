package nc.esim.notification.email;

import nc.esim.notification.templates.EmailContent;
import nc.esim.notification.templates.MessageTemplates;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import io.vertx.ext.mail.StartTLSOptions;

/**
 * Sends email over SMTP with Vert.x's mail client, up to {@code notification.email.window} at once on as
 * many pooled, kept-alive connections. A 5xx reply is permanent (the address or the message is refused); everything else (no
 * connection, a timeout, a 4xx reply) is transient and worth retrying.
 */
@ApplicationScoped
public class SmtpSender {
    private final MailClient client;
    private final EmailConfig config;

    public SmtpSender(Vertx vertx, EmailConfig config) {
        this.config = config;
        MailConfig mail = new MailConfig().setHostname(config.smtp().host()).setPort(config.smtp().port())
                .setStarttls(StartTLSOptions.valueOf(config.smtp().startTls()))
                .setConnectTimeout((int) config.smtp().timeout().toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(config.window());
        config.smtp().username().ifPresent(mail::setUsername);
        config.smtp().password().ifPresent(mail::setPassword);
        this.client = MailClient.createShared(vertx, mail, "notification-email");
    }

    /** A send that did not go through; {@code permanent} when retrying cannot help. */
    public static final class SendFailure extends Exception {
        private final boolean permanent;

        SendFailure(String reason, boolean permanent, Throwable cause) {
            super(reason, cause);
            this.permanent = permanent;
        }

        public boolean permanent() {
            return permanent;
        }
    }

    /**
     * Starts sending; the future completes when the server accepted the message, or exceptionally with a
     * {@link SendFailure}. {@code messageId} is stable per notification, so a re-send is recognisable.
     * Several sends may be in flight at once: the client keeps a pool of connections.
     */
    public CompletableFuture<Void> send(String to, EmailContent content, String messageId) {
        MailMessage message = new MailMessage().setFrom(config.from()).setTo(to).setSubject(content.subject())
                .setText(content.text()).setHtml(content.html());
        message.addHeader("Message-ID", "<" + messageId + "@notification.esim.nc>");
        return client.sendMail(message).toCompletionStage().toCompletableFuture()
                .orTimeout(config.smtp().timeout().toMillis(), TimeUnit.MILLISECONDS)
                .<Void>thenApply(result -> null)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(failureOf(failure)));
    }

    private SendFailure failureOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof SMTPException smtp) {
            return new SendFailure("SMTP " + smtp.getReplyCode() + " " + smtp.getReplyMessage(), smtp.isPermanent(), smtp);
        }
        if (cause instanceof TimeoutException) {
            return new SendFailure("no answer from the SMTP server within " + config.smtp().timeout(), false, cause);
        }
        return new SendFailure(String.valueOf(cause), false, cause);
    }

    /** Waits for a send started by {@link #send}. */
    public static void await(CompletableFuture<Void> sending) throws SendFailure {
        try {
            sending.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SendFailure failure) {
                throw failure;
            }
            throw new SendFailure(String.valueOf(e.getCause()), false, e.getCause());
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
