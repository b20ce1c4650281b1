package nc.esim.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nc.esim.infra.kafka.LocalKafkaBroker;
import nc.esim.infra.process.Await;
import nc.esim.infra.process.FreePort;

class LocalKafkaBrokerTest {
    @TempDir
    static Path workDir;
    static LocalKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = LocalKafkaBroker.start(workDir.resolve("kafka"), FreePort.find());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void createsTopicsWithTheRequestedPartitionCount() throws Exception {
        broker.createTopics(List.of("it.partitions"), 6);
        broker.createTopics(List.of("it.partitions"), 6); // a second call is harmless
        try (var admin = broker.admin()) {
            var description = admin.describeTopics(List.of("it.partitions")).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get("it.partitions");
            assertThat(description.partitions()).hasSize(6);
        }
    }

    @Test
    void transactionalProducerCommitsAndReadCommittedConsumerSeesOnlyCommittedRecords() {
        broker.createTopics(List.of("it.tx"), 1);
        Properties producerConfig = new Properties();
        producerConfig.putAll(broker.asAdmin());
        producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-tx");
        try (var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("it.tx", "k", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("it.tx", "k", "committed"));
            producer.commitTransaction();
        }

        Properties consumerConfig = new Properties();
        consumerConfig.putAll(broker.asAdmin());
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "it-tx-reader");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("it.tx"));
            long deadline = System.currentTimeMillis() + 30_000;
            while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        assertThat(values).containsExactly("committed");
    }

    @Test
    void aBrokerStartedByAProcessThatIsKilledStopsAndFreesItsPort() throws Exception {
        Path holderDir = workDir.resolve("holder");
        Files.createDirectories(holderDir);
        int port = FreePort.find();
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BrokerHolder.class.getName(),
                holderDir.resolve("kafka").toString(), String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(holderDir.resolve("holder.log").toFile()).start();
        Await.until("broker of the holder process", Duration.ofSeconds(90), holder::isAlive,
                () -> readyMarker(holderDir));
        assertThat(FreePort.answers("127.0.0.1", port)).isTrue();

        holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9: no shutdown hook runs

        Await.until("port release", Duration.ofSeconds(60), () -> true, () -> !FreePort.answers("127.0.0.1", port));
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(holderDir.toString()))
                        .orElse(false))
                .toList()).isEmpty();
    }

    private static boolean readyMarker(Path dir) {
        try {
            return Files.exists(dir.resolve("ready"))
                    && Files.readString(dir.resolve("ready"), StandardCharsets.UTF_8).equals("ready");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Starts a broker, says so in a file, and waits to be killed. */
    public static final class BrokerHolder {
        public static void main(String[] args) throws Exception {
            LocalKafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]));
            Files.writeString(Path.of(args[0]).getParent().resolve("ready"), "ready");
            Thread.sleep(Long.MAX_VALUE);
        }
    }

}
