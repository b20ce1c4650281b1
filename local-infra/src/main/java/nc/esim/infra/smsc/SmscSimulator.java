package nc.esim.infra.smsc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;

import nc.esim.support.sms.GsmAlphabet;

/**
 * An SMS centre on this machine, built on jSMPP's server side: accepts transceiver binds, answers each
 * submit_sm with a message id, keeps what it received (reassembling concatenated messages from their
 * SAR parameters) and sends a delivery receipt shortly after: DELIVRD, or UNDELIV for a number ending in
 * {@value #UNDELIVERABLE_SUFFIX}. For a number ending in {@value #RECEIPT_WITHHELD_SUFFIX} the receipt is
 * withheld until {@link #releaseWithheldReceipts()}, as for a handset that stays off. It can be taken down
 * and brought back on the same port, as a real SMS centre's outage would.
 */
public final class SmscSimulator implements AutoCloseable {
    /** Numbers ending so are never delivered (their receipts say UNDELIV). */
    public static final String UNDELIVERABLE_SUFFIX = "0000";
    /** Numbers ending so get their receipts only when {@link #releaseWithheldReceipts()} is called. */
    public static final String RECEIPT_WITHHELD_SUFFIX = "9999";

    /** One submit_sm as received. */
    public record Part(String messageId, String destination, String sender, byte dataCoding, int reference, int total,
                       int sequence, byte[] bytes) {
        public String text() {
            return dataCoding == 0x08 ? new String(bytes, StandardCharsets.UTF_16BE) : GsmAlphabet.decode(bytes);
        }
    }

    /** A whole message: its parts put back together. */
    public record Message(String destination, String text, int parts, byte dataCoding) {
    }

    private final int port;
    private final List<Part> parts = new CopyOnWriteArrayList<>();
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong(0x5A000000L);
    private final List<Runnable> withheld = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService receipts = Executors.newScheduledThreadPool(2, daemon("smsc-receipts"));
    private volatile SMPPServerSessionListener listener;
    private volatile Thread acceptor;

    private SmscSimulator(int port) {
        this.port = port;
    }

    public static SmscSimulator start(int port) {
        SmscSimulator smsc = new SmscSimulator(port);
        smsc.up();
        return smsc;
    }

    public int port() {
        return port;
    }

    /** Sends the receipts withheld so far (on the link each part came by); returns how many. */
    public int releaseWithheldReceipts() {
        List<Runnable> due = List.copyOf(withheld);
        withheld.removeAll(due);
        due.forEach(Runnable::run);
        return due.size();
    }

    /** Starts listening (again) on its port. */
    public synchronized void up() {
        if (listener != null) {
            return;
        }
        try {
            listener = new SMPPServerSessionListener(port);
        } catch (IOException e) {
            throw new IllegalStateException("SMS centre simulator cannot listen on " + port, e);
        }
        listener.setMessageReceiverListener(new Receiver());
        SMPPServerSessionListener current = listener;
        acceptor = new Thread(() -> accept(current), "smsc-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Drops every link and stops listening: an outage. */
    public synchronized void down() {
        if (listener == null) {
            return;
        }
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        listener = null;
        sessions.forEach(SMPPServerSession::unbindAndClose);
        sessions.clear();
    }

    private void accept(SMPPServerSessionListener current) {
        while (current == listener) {
            try {
                SMPPServerSession session = current.accept();
                Thread binder = new Thread(() -> bind(session), "smsc-bind");
                binder.setDaemon(true);
                binder.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void bind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(5_000);
            request.accept("esim-smsc");
            sessions.add(session);
        } catch (Exception e) {
            session.unbindAndClose();
        }
    }

    public List<Part> parts() {
        return List.copyOf(parts);
    }

    /** The messages received so far, each with its parts in order (incomplete ones left out). */
    public List<Message> messages() {
        Map<String, TreeMap<Integer, Part>> concatenated = new ConcurrentHashMap<>();
        List<Message> messages = new ArrayList<>();
        for (Part part : parts) {
            if (part.total() <= 1) {
                messages.add(new Message(part.destination(), part.text(), 1, part.dataCoding()));
                continue;
            }
            TreeMap<Integer, Part> group = concatenated.computeIfAbsent(part.destination() + "/" + part.reference(),
                    k -> new TreeMap<>());
            group.put(part.sequence(), part);
            if (group.size() == part.total()) {
                StringBuilder text = new StringBuilder();
                group.values().forEach(p -> text.append(p.text()));
                messages.add(new Message(part.destination(), text.toString(), part.total(), part.dataCoding()));
            }
        }
        return messages;
    }

    @Override
    public void close() {
        down();
        receipts.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static int intParameter(SubmitSm submit, OptionalParameter.Tag tag) {
        OptionalParameter parameter = submit.getOptionalParameter(tag);
        if (parameter instanceof OptionalParameter.Short s) {
            return s.getValue() & 0xFFFF;
        }
        if (parameter instanceof OptionalParameter.Byte b) {
            return b.getValue() & 0xFF;
        }
        return 0;
    }

    private final class Receiver implements ServerMessageReceiverListener {
        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession session) throws ProcessRequestException {
            String id = Long.toHexString(nextId.incrementAndGet());
            int total = intParameter(submit, OptionalParameter.Tag.SAR_TOTAL_SEGMENTS);
            parts.add(new Part(id, submit.getDestAddress(), submit.getSourceAddr(), submit.getDataCoding(),
                    intParameter(submit, OptionalParameter.Tag.SAR_MSG_REF_NUM), Math.max(1, total),
                    Math.max(1, intParameter(submit, OptionalParameter.Tag.SAR_SEGMENT_SEQNUM)), submit.getShortMessage()));
            if (submit.getDestAddress().endsWith(RECEIPT_WITHHELD_SUFFIX)) {
                withheld.add(() -> sendReceipt(session, submit, id));
            } else {
                receipts.schedule(() -> sendReceipt(session, submit, id), 50, TimeUnit.MILLISECONDS);
            }
            try {
                return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
            } catch (org.jsmpp.PDUStringException e) {
                throw new ProcessRequestException("bad message id", 0x08);
            }
        }

        private void sendReceipt(SMPPServerSession session, SubmitSm submit, String id) {
            DeliveryReceiptState state = submit.getDestAddress().endsWith(UNDELIVERABLE_SUFFIX)
                    ? DeliveryReceiptState.UNDELIV : DeliveryReceiptState.DELIVRD;
            DeliveryReceipt receipt = new DeliveryReceipt(id, 1, state == DeliveryReceiptState.DELIVRD ? 1 : 0, new Date(),
                    new Date(), state, state == DeliveryReceiptState.DELIVRD ? "000" : "001", "");
            try {
                session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                        submit.getDestAddress(), TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN,
                        submit.getSourceAddr(), new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT,
                                GSMSpecificFeature.DEFAULT), (byte) 0, (byte) 0, new RegisteredDelivery(0), DataCodings.ZERO,
                        receipt.toString().getBytes(StandardCharsets.US_ASCII));
            } catch (Exception e) {
                // the link went down before the receipt: a real SMS centre would retry; this one drops it
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("submit_multi not supported", 0x03);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("query_sm not supported", 0x03);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("replace_sm not supported", 0x03);
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("cancel_sm not supported", 0x03);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("broadcast_sm not supported", 0x03);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("cancel_broadcast_sm not supported", 0x03);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("query_broadcast_sm not supported", 0x03);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm not supported", 0x03);
        }
    }
}
