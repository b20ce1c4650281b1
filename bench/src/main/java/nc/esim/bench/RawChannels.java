package nc.esim.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;

/**
 * The yardstick for the notification benchmark, measured in the same run against the same GreenMail and
 * SMS-centre simulator: how fast a bare client, with no queue, database, template or Kafka, delivers
 * messages of the same shape the way the service does, one SMTP send after the other on one kept-alive
 * connection, and SMPP submits {@code window} at a time on one transceiver session with receipts asked
 * for. The service's figures divided by these show what its own work costs.
 */
final class RawChannels {
    private RawChannels() {
    }

    /** Emails per second sent one after the other over one SMTP connection. */
    static double smtpRate(int port, int count) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(port));
        Session session = Session.getInstance(properties);
        long start = System.nanoTime();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = 0; i < count; i++) {
                MimeMessage message = new MimeMessage(session);
                message.setFrom(new InternetAddress("no-reply@esim.nc"));
                InternetAddress to = new InternetAddress("raw" + i + "@yardstick.example.nc");
                message.setRecipient(Message.RecipientType.TO, to);
                message.setSubject("Votre forfait a été renouvelé", "UTF-8");
                MimeBodyPart text = new MimeBodyPart();
                text.setText("Bonjour, votre forfait TRAVEL-7D-10GB est renouvelé jusqu'au 7 décembre.", "UTF-8");
                MimeBodyPart html = new MimeBodyPart();
                html.setContent("<p>Bonjour, votre forfait <b>TRAVEL-7D-10GB</b> est renouvelé jusqu'au 7 décembre.</p>"
                        + "<p><a href=\"https://www.esim.nc/mon-compte\">Mon compte</a></p>", "text/html; charset=UTF-8");
                message.setContent(new MimeMultipart("alternative", text, html));
                message.saveChanges();
                transport.sendMessage(message, new InternetAddress[] {to});
            }
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** Single-part SMS per second, submitted {@code window} at a time on one transceiver session. */
    static double smppRate(int port, int count, int window) throws Exception {
        SMPPSession session = new SMPPSession();
        session.setTransactionTimer(10_000);
        session.setMessageReceiverListener(new IgnoreReceipts());
        session.connectAndBind("127.0.0.1", port, new BindParameter(BindType.BIND_TRX, "raw", "raw", "esim",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), Duration.ofSeconds(5).toMillis());
        ExecutorService submitters = Executors.newFixedThreadPool(window);
        try {
            long start = System.nanoTime();
            List<Future<?>> submits = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String destination = "68799" + String.format("%07d", i);
                submits.add(submitters.submit(() -> session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC,
                        NumberingPlanIndicator.UNKNOWN, "eSIM NC", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                        destination, new ESMClass(), (byte) 0, (byte) 1, null, null,
                        new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0, DataCodings.ZERO, (byte) 0,
                        "Votre forfait TRAVEL-7D-10GB est renouvele jusqu'au 07/12. www.esim.nc/mon-compte".getBytes())));
            }
            for (Future<?> submit : submits) {
                submit.get();
            }
            return count / ((System.nanoTime() - start) / 1e9);
        } finally {
            submitters.shutdownNow();
            session.unbindAndClose();
        }
    }

    private static final class IgnoreReceipts implements MessageReceiverListener {
        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) {
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
        }

        @Override
        public DataSmResult onAcceptDataSm(org.jsmpp.bean.DataSm dataSm, org.jsmpp.session.Session source)
                throws ProcessRequestException {
            throw new ProcessRequestException("data_sm not supported", 0x03);
        }
    }
}
