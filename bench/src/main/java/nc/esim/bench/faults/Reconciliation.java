package nc.esim.bench.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import nc.esim.contracts.CloudEventHeaders;
import nc.esim.contracts.EventJson;
import nc.esim.contracts.RejectionHeaders;
import nc.esim.contracts.Topics;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.contracts.usage.UsageAlertV1;
import nc.esim.infra.kafka.TopicReader;
import nc.esim.infra.platform.Platform;
import nc.esim.infra.postgres.LocalPostgres;
import nc.esim.infra.smsc.SmscSimulator;
import nc.esim.simulator.GroundTruth;

/**
 * After the run, compares what the platform kept with what it was given: usage totals with the
 * simulator's ground truth, acknowledged renewals with orders and allowances, every event that calls
 * for a message with exactly one message per channel at the SMTP server and the SMS centre, and every
 * output topic with itself (the same event twice).
 */
final class Reconciliation {
    /** One comparison: how many things it covered, how many went missing, how many arrived twice. */
    record Count(String what, long compared, long lost, long doubled, String detail) {
    }

    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern MESSAGE_ID = Pattern.compile("<([0-9a-f-]{36})@notification\\.esim\\.nc>");

    private final Platform platform;
    private final LocalPostgres postgres;
    private final Map<String, String> databases;

    Reconciliation(Platform platform, LocalPostgres postgres, Map<String, String> databases) {
        this.platform = platform;
        this.postgres = postgres;
        this.databases = databases;
    }

    /** usage-service's totals per ICCID against the simulator's: a record missing is lost, one counted twice doubled. */
    Count usage(GroundTruth truth) throws SQLException {
        Map<String, long[]> kept = new HashMap<>();
        try (Connection connection = postgres.connect(databases.get("usage-service"));
             ResultSet rows = connection.createStatement().executeQuery("""
                     select iccid, sum(data_bytes), sum(voice_seconds), sum(sms_count), sum(records)
                     from usage_total group by iccid""")) {
            while (rows.next()) {
                kept.put(rows.getString(1), new long[] {rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5)});
            }
        }
        long lost = 0;
        long doubled = 0;
        long mismatched = 0;
        long records = 0;
        for (Map.Entry<String, GroundTruth.Totals> expected : truth.totalsByIccid().entrySet()) {
            GroundTruth.Totals t = expected.getValue();
            long[] k = kept.remove(expected.getKey());
            long keptRecords = k == null ? 0 : k[3];
            records += t.records();
            lost += Math.max(0, t.records() - keptRecords);
            doubled += Math.max(0, keptRecords - t.records());
            if (k == null || k[0] != t.dataBytes() || k[1] != t.voiceSeconds() || k[2] != t.smsCount()) {
                mismatched++;
            }
        }
        for (long[] unexpected : kept.values()) {
            doubled += unexpected[3];
        }
        return new Count("usage records", records, lost, doubled, String.format(
                "%,d distinct valid CDRs of %,d eSIMs; eSIMs whose totals differ from the ground truth: %d; eSIMs not simulated: %d",
                records, truth.totalsByIccid().size(), mismatched, kept.size()));
    }

    /**
     * Every renewal the API acknowledged has its order in billing and its allowance in usage-service
     * (lost otherwise); an order more than the keys that made one, or a key answered with two orders, is a
     * double charge.
     */
    Count renewals(RenewalLoad load) throws SQLException {
        Map<String, String> acknowledged = load.acknowledged();
        Set<String> orders = strings(databases.get("billing-service"),
                "select order_number from customer_order where kind = 'RENEWAL' and channel = 'APP'");
        Set<String> allowances = strings(databases.get("usage-service"), "select allowance_id from allowance");
        long withoutOrder = acknowledged.values().stream().filter(o -> !orders.contains(o)).count();
        long withoutAllowance = acknowledged.values().stream().filter(o -> !allowances.contains(o)).count();
        Set<String> acknowledgedOrders = new HashSet<>(acknowledged.values());
        long unansweredWithOrder = unansweredKeysStored(load.unanswered().keySet());
        long extraOrders = Math.max(0, orders.size() - acknowledgedOrders.size() - unansweredWithOrder);
        long doubled = extraOrders + load.answeredWithAnotherOrder()
                + (acknowledged.size() - acknowledgedOrders.size()); // two keys answered with one order
        return new Count("renewals", acknowledged.size(), withoutOrder + withoutAllowance, doubled, String.format(
                "%,d acknowledged (%,d requests: %,d resent after a failure, %,d resent after the answer; failures by status %s); "
                        + "%,d renewal orders; acknowledged without an order: %d, without an allowance in usage-service: %d; "
                        + "given up unanswered: %d (%d of them made an order)",
                acknowledged.size(), load.requests(), load.resentAfterFailure(), load.resentAfterAnswer(),
                load.failuresByStatus(), orders.size(), withoutOrder, withoutAllowance, load.unanswered().size(),
                unansweredWithOrder));
    }

    private long unansweredKeysStored(Set<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return 0;
        }
        try (Connection connection = postgres.connect(databases.get("billing-service"));
             PreparedStatement select = connection.prepareStatement(
                     "select count(*) from idempotency_key where idempotency_key = any(?) and response_status = 201")) {
            Array array = connection.createArrayOf("text", keys.toArray());
            select.setArray(1, array);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * Every subscription event that tells the customer and every usage alert has one notification per
     * channel (email to the address billing gave, SMS to the line); every one sent reached the SMTP
     * server or the SMS centre once. Returns the count and, apart, the messages delivered.
     */
    Count notifications() throws SQLException, IOException {
        String database = databases.get("notification-service");
        Set<String> withEmail = strings(database, "select iccid from customer where email is not null");
        Map<String, Set<String>> expectedChannels = new HashMap<>(); // cause event id -> channels
        TopicReader.forEachRecord(platform.broker().asAdmin(), Topics.SUBSCRIPTION, READ_TIMEOUT, record -> {
            SubscriptionEventV1 event = decode(record);
            if (event != null && event.type().notifiesCustomer()) {
                Set<String> channels = expectedChannels.computeIfAbsent(header(record, CloudEventHeaders.ID), id -> new HashSet<>());
                channels.add("SMS");
                if (event.email() != null) {
                    channels.add("EMAIL");
                }
            }
        });
        long alerts = TopicReader.forEachRecord(platform.broker().asAdmin(), Topics.USAGE_ALERTS, READ_TIMEOUT, record -> {
            UsageAlertV1 alert = decode(record, UsageAlertV1.class);
            if (alert != null && alert.toldByAnother()) {
                return; // another alert raised with it (the 100 %, the line's DATA_EXHAUSTED) is the one the customer is told
            }
            Set<String> channels = expectedChannels.computeIfAbsent(header(record, CloudEventHeaders.ID), id -> new HashSet<>());
            channels.add("SMS");
            if (withEmail.contains(record.key())) {
                channels.add("EMAIL");
            }
        });

        record Row(String id, String cause, String channel, String status, String destination) {
        }
        Map<String, Row> rows = new HashMap<>();
        Set<String> rowKeys = new HashSet<>();
        try (Connection connection = postgres.connect(database);
             ResultSet result = connection.createStatement().executeQuery(
                     "select id, cause_event_id, channel, status, destination from notification")) {
            while (result.next()) {
                Row row = new Row(result.getString(1), result.getString(2), result.getString(3), result.getString(4),
                        result.getString(5));
                rows.put(row.id, row);
                rowKeys.add(row.cause + "/" + row.channel);
            }
        }
        long expected = 0;
        long missing = 0;
        for (Map.Entry<String, Set<String>> cause : expectedChannels.entrySet()) {
            for (String channel : cause.getValue()) {
                expected++;
                if (!rowKeys.contains(cause.getKey() + "/" + channel)) {
                    missing++;
                }
            }
        }
        Map<String, Long> byStatus = new TreeMap<>();
        long unsettled = 0;
        long undeliverable = 0;
        for (Row row : rows.values()) {
            byStatus.merge(row.channel + " " + row.status, 1L, Long::sum);
            boolean testNumber = "SMS".equals(row.channel) && row.destination.endsWith(SmscSimulator.UNDELIVERABLE_SUFFIX);
            switch (row.status) {
                case "SENT", "DELIVERED" -> { }
                case "FAILED" -> {
                    if (testNumber) {
                        undeliverable++;
                    } else {
                        unsettled++;
                    }
                }
                default -> unsettled++; // QUEUED, RETRYING, SENDING after the platform settled; SUPPRESSED with the
                // caps lifted; EXPIRED (no receipt within 48 h) cannot come within a run
            }
        }

        // email: one message at the SMTP server per notification sent, recognised by its Message-ID
        Map<String, Long> received = new HashMap<>();
        long unknownEmails = 0;
        for (MimeMessage message : platform.smtp().received()) {
            Matcher id = MESSAGE_ID.matcher(messageId(message));
            if (id.find() && rows.containsKey(id.group(1))) {
                received.merge(id.group(1), 1L, Long::sum);
            } else {
                unknownEmails++;
            }
        }
        // SMS: the parts the SMS centre took, each known to notification-service by the id the centre answered
        Map<String, String> partOwner = new HashMap<>();
        Map<String, Long> partsPerNotificationPart = new HashMap<>();
        try (Connection connection = postgres.connect(database);
             ResultSet result = connection.createStatement().executeQuery(
                     "select smsc_message_id, notification_id, part from sms_part")) {
            while (result.next()) {
                partOwner.put(result.getString(1), result.getString(2));
                partsPerNotificationPart.merge(result.getString(2) + "/" + result.getInt(3), 1L, Long::sum);
            }
        }
        Set<String> smsAtCentre = new HashSet<>();
        long orphanParts = 0;
        for (SmscSimulator.Part part : platform.smsc().parts()) {
            String owner = partOwner.get(part.messageId());
            if (owner == null) {
                orphanParts++;
            } else {
                smsAtCentre.add(owner);
            }
        }
        long lostAtPeer = 0;
        long emailsLostAtPeer = 0;
        long emailsTwice = 0;
        for (Row row : rows.values()) {
            boolean sent = "SENT".equals(row.status) || "DELIVERED".equals(row.status);
            if ("EMAIL".equals(row.channel)) {
                long copies = received.getOrDefault(row.id, 0L);
                lostAtPeer += sent && copies == 0 ? 1 : 0;
                emailsLostAtPeer += sent && copies == 0 ? 1 : 0;
                emailsTwice += Math.max(0, copies - 1);
            } else if (sent && !smsAtCentre.contains(row.id)) {
                lostAtPeer++;
            }
        }
        long smsPartsTwice = partsPerNotificationPart.values().stream().mapToLong(n -> Math.max(0, n - 1)).sum();
        long doubledAtPeer = unknownEmails + orphanParts + emailsTwice + smsPartsTwice;
        long delivered = received.size() + smsAtCentre.size();
        return new Count("notifications", expected, missing + unsettled + lostAtPeer, doubledAtPeer, String.format(
                "%,d messages called for by %,d events (%,d usage alerts); %,d at the SMTP server and the SMS centre; "
                        + "by channel and status %s; not recorded: %d, not settled: %d, recorded sent but not at the peer: %d (%d emails); "
                        + "to the SMS centre's undeliverable test numbers: %d; emails received more than once: %d more copies, "
                        + "emails not matching a notification: %d; SMS parts submitted again: %d, SMS parts the service does not know: %d",
                expected, expectedChannels.size(), alerts, delivered, byStatus, missing, unsettled, lostAtPeer,
                emailsLostAtPeer, undeliverable, emailsTwice, unknownEmails, smsPartsTwice, orphanParts));
    }

    /**
     * The same event twice on each output topic: by CloudEvents id, or on a rejected topic by the rejecting
     * service and the record it rejected. Consumers drop such copies; the figure says how often they must.
     */
    Map<String, long[]> topicDuplicates() {
        List<String> topics = new ArrayList<>(List.of(Topics.SUBSCRIPTION, Topics.USAGE_RECORDED, Topics.USAGE_ALERTS,
                Topics.NOTIFICATION));
        Topics.ALL.stream().filter(t -> t.endsWith(".rejected.v1")).forEach(topics::add);
        Map<String, long[]> duplicates = new TreeMap<>();
        for (String topic : topics) {
            Set<String> seen = new HashSet<>();
            long[] counts = new long[2]; // records, duplicates
            TopicReader.forEachRecord(platform.broker().asAdmin(), topic, READ_TIMEOUT, record -> {
                String identity = topic.endsWith(".rejected.v1")
                        ? header(record, RejectionHeaders.REJECTED_BY) + " " + header(record, RejectionHeaders.SOURCE_TOPIC)
                        + "/" + header(record, RejectionHeaders.SOURCE_PARTITION) + "/" + header(record, RejectionHeaders.SOURCE_OFFSET)
                        : header(record, CloudEventHeaders.ID);
                counts[0]++;
                if (!seen.add(identity)) {
                    counts[1]++;
                }
            });
            duplicates.put(topic, counts);
        }
        return duplicates;
    }

    private Set<String> strings(String database, String sql) throws SQLException {
        Set<String> values = new HashSet<>();
        try (Connection connection = postgres.connect(database);
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static SubscriptionEventV1 decode(ConsumerRecord<String, byte[]> record) {
        return decode(record, SubscriptionEventV1.class);
    }

    private static <T> T decode(ConsumerRecord<String, byte[]> record, Class<T> type) {
        try {
            return EventJson.read(record.value(), type);
        } catch (IOException | RuntimeException notAnEvent) {
            return null;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String messageId(MimeMessage message) {
        try {
            String id = message.getMessageID();
            return id == null ? "" : id;
        } catch (MessagingException e) {
            return "";
        }
    }
}
