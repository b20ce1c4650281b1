package nc.esim.infra.mail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server on this machine (GreenMail) that keeps what it receives: notification-service
 * sends its emails to it in the local platform and the end-to-end tests, which read them back.
 */
public final class LocalSmtp implements AutoCloseable {
    private final int port;
    /** The server listening now; null while {@link #down()}. */
    private GreenMail server;
    /** What servers taken {@link #down()} had received: a new GreenMail starts empty. */
    private final List<MimeMessage> receivedBefore = new ArrayList<>();

    private LocalSmtp(int port) {
        this.port = port;
    }

    public static LocalSmtp start(int port) {
        LocalSmtp smtp = new LocalSmtp(port);
        smtp.up();
        return smtp;
    }

    public int port() {
        return port;
    }

    /** Starts listening (again) on its port. */
    public synchronized void up() {
        if (server == null) {
            GreenMail started = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            started.start();
            server = started;
        }
    }

    /** Stops listening and drops open connections, keeping what was received: an outage. */
    public synchronized void down() {
        if (server != null) {
            // stopped first, read after from the store it had (stop() gives the server a new, empty one): a
            // message the server accepts while it is being stopped is kept too
            Managers managers = server.getManagers();
            server.stop();
            for (StoredMessage message : managers.getImapHostManager().getAllMessages()) {
                receivedBefore.add(message.getMimeMessage());
            }
            server = null;
        }
    }

    /** Every message received so far, across outages. */
    public synchronized List<MimeMessage> received() {
        List<MimeMessage> all = new ArrayList<>(receivedBefore);
        if (server != null) {
            all.addAll(Arrays.asList(server.getReceivedMessages()));
        }
        return all;
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
        down();
    }
}
