package nc.esim.console.sources;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import nc.esim.console.ConsoleConfig;
import nc.esim.contracts.RejectionHeaders;
import nc.esim.contracts.Topics;
import nc.esim.support.kafka.KafkaSettings;
import nc.esim.support.privacy.PersonalData;

/**
 * The latest records the services rejected, read from the rejected topics by a group-less consumer
 * that starts a few records before each partition's end: reason, where the record came from, and a
 * short preview of its bytes with personal data masked, as in a dead-letter explorer.
 */
@ApplicationScoped
public class RejectedRecordsTail {
    private static final Logger LOG = Logger.getLogger(RejectedRecordsTail.class);
    static final List<String> TOPICS = List.of(Topics.CDR_REJECTED, Topics.SUBSCRIPTION_REJECTED,
            Topics.USAGE_ALERTS_REJECTED, Topics.USAGE_DAILY_REJECTED, Topics.CUSTOMER_BINDING_REJECTED,
            Topics.BINDING_CODE_REJECTED, Topics.USAGE_BALANCE_REJECTED);
    private static final int PREVIEW_CHARS = 160;
    /** Digits left after the masking of ICCIDs and +numbers: counter-parties sent without a plus, say. */
    private static final Pattern LONG_NUMBER = Pattern.compile("(?<!\\d)\\d{6,}(?!\\d)");

    /** One rejected record as the panel shows it. */
    public record Rejected(String topic, int partition, long offset, Instant at, String reason, String rejectedBy,
                           String sourceTopic, Integer sourcePartition, Long sourceOffset, String preview) {
    }

    private final KafkaSettings settings;
    private final int keep;
    private final Deque<Rejected> latest = new ArrayDeque<>();
    private volatile boolean running = true;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    public RejectedRecordsTail(KafkaSettings settings, ConsoleConfig config) {
        this.settings = settings;
        this.keep = config.latestRejected();
    }

    void start(@Observes StartupEvent start) {
        Properties config = settings.admin();
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, config.get(ConsumerConfig.CLIENT_ID_CONFIG) + "-rejected-tail");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = settings.newConsumer(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "rejected-records-tail");
        thread.setDaemon(true);
        thread.start();
    }

    /** The latest rejected records, newest first. */
    public List<Rejected> latest() {
        synchronized (latest) {
            List<Rejected> newestFirst = new ArrayList<>(latest);
            newestFirst.sort(Comparator.comparing(Rejected::at).reversed());
            return newestFirst;
        }
    }

    private void run() {
        try {
            while (running && !assignPartitions()) {
                Thread.sleep(5_000);
            }
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    remember(of(record));
                }
            }
        } catch (WakeupException | InterruptedException stopping) {
            // closing
        } catch (RuntimeException e) {
            LOG.warnf("the rejected-records panel stopped: %s", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Assigns every partition of the rejected topics, a few records before their ends; false while none exists yet. */
    private boolean assignPartitions() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            try {
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(3))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                return false;
            }
        }
        if (partitions.isEmpty()) {
            return false;
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(5));
        Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, Duration.ofSeconds(5));
        Map<TopicPartition, Long> from = new HashMap<>();
        ends.forEach((partition, end) -> from.put(partition, Math.max(begins.getOrDefault(partition, 0L), end - keep)));
        from.forEach(consumer::seek);
        return true;
    }

    private void remember(Rejected rejected) {
        synchronized (latest) {
            latest.addLast(rejected);
            while (latest.size() > keep) {
                latest.stream().min(Comparator.comparing(Rejected::at)).ifPresent(latest::remove);
            }
        }
    }

    static Rejected of(ConsumerRecord<byte[], byte[]> record) {
        return new Rejected(record.topic(), record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                header(record, RejectionHeaders.REASON), header(record, RejectionHeaders.REJECTED_BY),
                header(record, RejectionHeaders.SOURCE_TOPIC), integer(header(record, RejectionHeaders.SOURCE_PARTITION)),
                number(header(record, RejectionHeaders.SOURCE_OFFSET)), preview(record.value()));
    }

    /** The first characters of the bytes as text, unprintable ones as '·', with personal data masked. */
    static String preview(byte[] value) {
        if (value == null) {
            return "";
        }
        String text = new String(value, 0, Math.min(value.length, PREVIEW_CHARS * 4), StandardCharsets.UTF_8);
        StringBuilder printable = new StringBuilder();
        text.codePoints().limit(PREVIEW_CHARS).forEach(c -> printable.appendCodePoint(Character.isISOControl(c)
                || c == 0xFFFD ? '·' : c));
        String masked = PersonalData.inText(printable.toString());
        // masked ICCIDs and +numbers keep no run of six digits; any other such run may be a phone number
        StringBuilder out = new StringBuilder();
        var matcher = LONG_NUMBER.matcher(masked);
        while (matcher.find()) {
            String digits = matcher.group();
            matcher.appendReplacement(out, "*".repeat(digits.length() - 2) + digits.substring(digits.length() - 2));
        }
        matcher.appendTail(out);
        return (text.codePointCount(0, text.length()) > PREVIEW_CHARS || value.length > PREVIEW_CHARS * 4)
                ? out + "…" : out.toString();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Integer integer(String text) {
        try {
            return text == null ? null : Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @PreDestroy
    void close() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
