package nc.esim.notification.email;

import nc.esim.notification.templates.EmailContent;
import nc.esim.notification.templates.MessageTemplates;

import java.util.concurrent.ExecutionException;
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
 * Sends one email over SMTP with Vert.x's mail client (pooled connections), waiting for the server's
 * answer. A 5xx reply is permanent (the address or the message is refused); everything else (no
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
                .setKeepAlive(true);
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

    /** Sends and waits; {@code messageId} is stable per notification, so a re-send is recognisable. */
    public void send(String to, EmailContent content, String messageId) throws SendFailure {
        MailMessage message = new MailMessage().setFrom(config.from()).setTo(to).setSubject(content.subject())
                .setText(content.text()).setHtml(content.html());
        message.addHeader("Message-ID", "<" + messageId + "@notification.esim.nc>");
        try {
            client.sendMail(message).toCompletionStage().toCompletableFuture()
                    .get(config.smtp().timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SMTPException smtp) {
                throw new SendFailure("SMTP " + smtp.getReplyCode() + " " + smtp.getReplyMessage(), smtp.isPermanent(), smtp);
            }
            throw new SendFailure(String.valueOf(cause), false, cause);
        } catch (TimeoutException e) {
            throw new SendFailure("no answer from the SMTP server within " + config.smtp().timeout(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendFailure("interrupted", false, e);
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
