package nc.esim.infra.mail;

import java.util.Arrays;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server on this machine (GreenMail) that keeps what it receives: notification-service
 * sends its emails to it in the local platform and the end-to-end tests, which read them back.
 */
public final class LocalSmtp implements AutoCloseable {
    private final GreenMail server;
    private final int port;

    private LocalSmtp(GreenMail server, int port) {
        this.server = server;
        this.port = port;
    }

    public static LocalSmtp start(int port) {
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return new LocalSmtp(server, port);
    }

    public int port() {
        return port;
    }

    public List<MimeMessage> received() {
        return Arrays.asList(server.getReceivedMessages());
    }

    /**
     * A received message's identity: its Message-ID, and the recipient, since GreenMail keeps one copy
     * per recipient's mailbox.
     */
    public static String id(MimeMessage message) {
        try {
            return message.getMessageID() + " " + java.util.Arrays.toString(message.getAllRecipients());
        } catch (MessagingException e) {
            return "unreadable " + System.identityHashCode(message);
        }
    }

    /** A received message's first recipient and subject, for a demo line. */
    public static String summary(MimeMessage message) {
        try {
            return message.getAllRecipients()[0] + " — " + message.getSubject();
        } catch (MessagingException e) {
            return "(unreadable message: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
