package nc.esim.notification.sms;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameters;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.util.InvalidDeliveryReceiptException;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The SMPP 3.4 link to the SMS centre (jSMPP): bound as a transceiver, kept alive by enquire_link,
 * bound again when it drops (checked every {@code reconnect-interval}); it submits the parts of a message
 * and hands delivery receipts to {@link SmsReceipts}.
 */
@ApplicationScoped
public class SmppLink {
    private static final Logger LOG = Logger.getLogger(SmppLink.class);
    /** Command statuses worth retrying: system error, queue full, throttled, temporary app error. */
    private static final List<Integer> TRANSIENT = List.of(0x08, 0x14, 0x58, 0x64);

    private final SmsConfig config;
    private final SmsReceipts receipts;
    private volatile SMPPSession session;

    public SmppLink(SmsConfig config, SmsReceipts receipts) {
        this.config = config;
        this.receipts = receipts;
    }

    /** A submit that did not go through; {@code linkDown} when the link itself failed. */
    public static final class SubmitFailure extends Exception {
        private final boolean permanent;
        private final boolean linkDown;

        SubmitFailure(String reason, boolean permanent, boolean linkDown) {
            super(reason);
            this.permanent = permanent;
            this.linkDown = linkDown;
        }

        public boolean permanent() {
            return permanent;
        }

        public boolean linkDown() {
            return linkDown;
        }
    }

    void bindAtStart(@Observes StartupEvent startup) {
        ensureBound();
    }

    @Scheduled(every = "${notification.sms.smsc.reconnect-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void ensureBound() {
        SMPPSession current = session;
        if (current != null && current.getSessionState().isBound()) {
            return;
        }
        if (current != null) {
            current.unbindAndClose();
        }
        SMPPSession fresh = new SMPPSession();
        fresh.setEnquireLinkTimer(30_000);
        fresh.setTransactionTimer(config.smsc().responseTimeout().toMillis());
        fresh.setMessageReceiverListener(new Receipts());
        try {
            fresh.connectAndBind(config.smsc().host(), config.smsc().port(), new BindParameter(BindType.BIND_TRX,
                    config.smsc().systemId(), config.smsc().password(), "esim", TypeOfNumber.UNKNOWN,
                    NumberingPlanIndicator.UNKNOWN, null), Duration.ofSeconds(5).toMillis());
            session = fresh;
            LOG.infof("bound to the SMS centre %s:%d", config.smsc().host(), config.smsc().port());
        } catch (IOException e) {
            fresh.close();
            session = null;
            LOG.warnf("SMS centre %s:%d not reachable, trying again: %s", config.smsc().host(), config.smsc().port(),
                    e.getMessage());
        }
    }

    public boolean bound() {
        SMPPSession current = session;
        return current != null && current.getSessionState().isBound();
    }

    /** Submits every part (as one concatenated message) and returns the SMS centre's message id per part. */
    public List<String> submit(String destination, SmsEncoding encoding) throws SubmitFailure {
        SMPPSession current = session;
        if (current == null || !current.getSessionState().isBound()) {
            throw new SubmitFailure("the link to the SMS centre is down", false, true);
        }
        int reference = ThreadLocalRandom.current().nextInt(1, 0xFFFF);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < encoding.parts().size(); i++) {
            OptionalParameter[] sar = encoding.parts().size() == 1 ? new OptionalParameter[0] : new OptionalParameter[] {
                    OptionalParameters.newSarMsgRefNum(reference),
                    OptionalParameters.newSarTotalSegments(encoding.parts().size()),
                    OptionalParameters.newSarSegmentSeqnum(i + 1)};
            try {
                ids.add(current.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN,
                        config.sender(), TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                        destination.startsWith("+") ? destination.substring(1) : destination, new ESMClass(), (byte) 0,
                        (byte) 1, null, null, new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
                        DataCodings.newInstance(encoding.dataCoding()), (byte) 0, encoding.parts().get(i), sar)
                        .getMessageId());
            } catch (NegativeResponseException e) {
                boolean permanent = !TRANSIENT.contains(e.getCommandStatus());
                throw new SubmitFailure("submit_sm refused with command status 0x" + Integer.toHexString(e.getCommandStatus()),
                        permanent, false);
            } catch (ResponseTimeoutException e) {
                throw new SubmitFailure("no submit_sm_resp within " + config.smsc().responseTimeout(), false, true);
            } catch (IOException | org.jsmpp.PDUException | org.jsmpp.InvalidResponseException e) {
                throw new SubmitFailure("submit_sm failed: " + e.getMessage(), false, true);
            }
        }
        return ids;
    }

    @PreDestroy
    synchronized void close() {
        if (session != null) {
            session.unbindAndClose();
            session = null;
        }
    }

    /** Delivery receipts (deliver_sm from the SMS centre). */
    private final class Receipts implements MessageReceiverListener {
        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            if (!deliverSm.isSmscDeliveryReceipt()) {
                return; // a mobile-originated message: nothing here answers those
            }
            try {
                DeliveryReceipt receipt = deliverSm.getShortMessageAsDeliveryReceipt();
                receipts.record(receipt.getId(), receipt.getFinalStatus().name());
            } catch (InvalidDeliveryReceiptException e) {
                LOG.warnf("unreadable delivery receipt ignored: %s", e.getMessage());
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
        }

        @Override
        public DataSmResult onAcceptDataSm(org.jsmpp.bean.DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm not supported", 0x03);
        }
    }
}
