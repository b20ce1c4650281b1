package nc.esim.infra.kafka;

import static nc.esim.infra.kafka.KafkaPrincipal.ANALYST;
import static nc.esim.infra.kafka.KafkaPrincipal.BILLING;
import static nc.esim.infra.kafka.KafkaPrincipal.CONSOLE;
import static nc.esim.infra.kafka.KafkaPrincipal.MEDIATION;
import static nc.esim.infra.kafka.KafkaPrincipal.NOTIFICATION;
import static nc.esim.infra.kafka.KafkaPrincipal.USAGE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import nc.esim.contracts.Topics;

/**
 * Who may read and write which topic, as Kafka ACLs (the broker runs {@code StandardAuthorizer} and
 * refuses whatever no ACL allows). The same table is in {@code docs/asyncapi.yaml}
 * ({@code x-access} of each channel) and in {@code docker/kafka/acls.sh}; {@code KafkaAccessPolicyTest}
 * keeps the AsyncAPI in step with it.
 *
 * <ul>
 *   <li>Each topic has exactly one writer: mediation writes CDRs, billing the subscription facts,
 *       usage-service the rated records and alerts, notification-service the delivery facts; a rejected
 *       topic is written by the consumers of its topic.</li>
 *   <li>Each service's consumer groups start with its own name ({@code usage-service.cdr-ingest}), and
 *       only it may use them.</li>
 *   <li>Analysts read the analytics topics, which carry no personal data: rated records, alerts and
 *       delivery facts, with groups named {@code analytics.*}. The subscription facts carry the
 *       customer's contact details and the CDR topics the numbers of both parties: services and operators
 *       only.</li>
 *   <li>The operators' console describes every topic and group (for lag) and reads every topic: the
 *       rejected ones for its dead-letter panel, the others for the age of the oldest unconsumed record.</li>
 *   <li>The one-time codes ({@code esim.binding-code.v1}, {@link Topics#SECRET}) go from billing to
 *       notification-service and to nobody else: the console may only describe the topic (its lag in
 *       records), so that no staff principal can read a code the SMS tells the customer staff never ask for.</li>
 * </ul>
 */
public final class KafkaAccessPolicy {
    /** The topics analysts may read: no contact details, no counter-party numbers. */
    public static final List<String> ANALYTICS_TOPICS = List.of(Topics.USAGE_RECORDED, Topics.USAGE_ALERTS,
            Topics.USAGE_DAILY, Topics.NOTIFICATION);

    /** The one principal that writes each topic. */
    private static final Map<String, KafkaPrincipal> WRITER = Map.of(
            Topics.CDR, MEDIATION,
            Topics.USAGE_RECORDED, USAGE,
            Topics.USAGE_ALERTS, USAGE,
            Topics.USAGE_DAILY, USAGE,
            Topics.SUBSCRIPTION, BILLING,
            Topics.NOTIFICATION, NOTIFICATION,
            Topics.CUSTOMER_BINDING, BILLING,
            Topics.BINDING_CODE, BILLING,
            Topics.USAGE_BALANCE, USAGE);

    /** Topics each service consumes. */
    private static final Map<KafkaPrincipal, List<String>> READS = Map.of(
            USAGE, List.of(Topics.CDR, Topics.SUBSCRIPTION, Topics.CUSTOMER_BINDING),
            BILLING, List.of(Topics.USAGE_ALERTS, Topics.USAGE_DAILY, Topics.USAGE_BALANCE),
            NOTIFICATION, List.of(Topics.SUBSCRIPTION, Topics.USAGE_ALERTS, Topics.CUSTOMER_BINDING, Topics.BINDING_CODE),
            ANALYST, ANALYTICS_TOPICS);

    private KafkaAccessPolicy() {
    }

    /**
     * The principal a test or a harness publishes {@code topic} as: its writer, or for a rejected topic the
     * first of its consumers.
     */
    public static KafkaPrincipal writerOf(String topic) {
        List<KafkaPrincipal> writers = writersOf(topic);
        if (writers.isEmpty()) {
            throw new IllegalArgumentException("nobody may write " + topic);
        }
        return writers.get(0);
    }

    /** Every principal allowed to write {@code topic}: its writer, and for a rejected topic the consumers of its topic. */
    public static List<KafkaPrincipal> writersOf(String topic) {
        List<KafkaPrincipal> writers = new ArrayList<>();
        if (WRITER.containsKey(topic)) {
            writers.add(WRITER.get(topic));
        }
        READS.forEach((principal, topics) -> topics.stream()
                .filter(read -> principal != ANALYST && Topics.rejectedOf(read).equals(topic))
                .filter(read -> !writers.contains(principal)).findAny().ifPresent(read -> writers.add(principal)));
        return writers.stream().sorted().toList();
    }

    /** Every principal allowed to read {@code topic}. */
    public static List<KafkaPrincipal> readersOf(String topic) {
        List<KafkaPrincipal> readers = new ArrayList<>();
        READS.forEach((principal, topics) -> {
            if (topics.contains(topic)) {
                readers.add(principal);
            }
        });
        if (!Topics.SECRET.contains(topic)) {
            readers.add(CONSOLE);
        }
        return readers.stream().sorted().toList();
    }

    /** Every ACL of the platform (the administrator is a super user and needs none). */
    public static List<AclBinding> bindings() {
        List<AclBinding> acls = new ArrayList<>();
        for (String topic : Topics.ALL) {
            for (KafkaPrincipal writer : writersOf(topic)) {
                acls.add(allow(writer, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
                acls.add(allow(writer, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
            }
            for (KafkaPrincipal reader : readersOf(topic)) {
                acls.add(allow(reader, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
                acls.add(allow(reader, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
            }
            if (Topics.SECRET.contains(topic)) {
                acls.add(allow(CONSOLE, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
            }
        }
        for (KafkaPrincipal service : List.of(USAGE, BILLING, NOTIFICATION)) {
            acls.add(allow(service, ResourceType.GROUP, service.user() + ".", PatternType.PREFIXED, AclOperation.READ));
        }
        acls.add(allow(ANALYST, ResourceType.GROUP, "analytics.", PatternType.PREFIXED, AclOperation.READ));
        acls.add(allow(CONSOLE, ResourceType.GROUP, "*", PatternType.LITERAL, AclOperation.DESCRIBE));
        return acls;
    }

    /**
     * The ACLs as {@code docker/kafka/acls.tsv} holds them for docker-compose's setup: one line each,
     * principal, resource type, name, pattern type and operation, tab-separated.
     */
    public static String table() {
        StringBuilder table = new StringBuilder("# principal\ttype\tname\tpattern\toperation (generated from"
                + " KafkaAccessPolicy; KafkaAccessPolicyTest fails when they differ)\n");
        for (AclBinding acl : bindings()) {
            String operation = acl.entry().operation().name();
            table.append(String.join("\t", acl.entry().principal(), acl.pattern().resourceType().name().toLowerCase(),
                    acl.pattern().name(), acl.pattern().patternType().name().toLowerCase(),
                    operation.charAt(0) + operation.substring(1).toLowerCase())).append('\n');
        }
        return table.toString();
    }

    private static AclBinding allow(KafkaPrincipal principal, ResourceType type, String name, PatternType pattern,
                                    AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal.aclPrincipal(), "*", operation, AclPermissionType.ALLOW));
    }
}
