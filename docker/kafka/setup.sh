#!/usr/bin/env bash
# Once the broker is healthy: the platform's topics, one SCRAM user per principal (passwords from the
# environment: KAFKA_<PRINCIPAL>_PASSWORD) and the ACLs of docker/kafka/acls.tsv, which
# KafkaAccessPolicyTest keeps equal to the platform's policy (nc.esim.infra.kafka.KafkaAccessPolicy).
set -euo pipefail
umask 077
: "${KAFKA_ADMIN_PASSWORD:?KAFKA_ADMIN_PASSWORD is not set}"
bin=/opt/kafka/bin
admin=/tmp/admin.properties
cat > "$admin" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD";
PROPERTIES
for topic in esim.cdr.v1 esim.cdr.rejected.v1 esim.usage.recorded.v1 esim.usage.alerts.v1 \
             esim.usage.alerts.rejected.v1 esim.usage.daily.v1 esim.usage.daily.rejected.v1 esim.subscription.v1 \
             esim.subscription.rejected.v1 esim.notification.v1 esim.customer-binding.v1 \
             esim.customer-binding.rejected.v1 esim.binding-code.v1 esim.binding-code.rejected.v1 \
             esim.usage.balance.v1 esim.usage.balance.rejected.v1; do
  case "$topic" in  # as nc.esim.contracts.Topics.CONFIGS
    esim.binding-code.v1) config=(--config retention.ms=3600000) ;;
    esim.customer-binding.v1|esim.usage.balance.v1) config=(--config cleanup.policy=compact) ;;
    *) config=() ;;
  esac
  "$bin/kafka-topics.sh" --bootstrap-server kafka:9092 --command-config "$admin" --create --if-not-exists \
    --topic "$topic" --partitions 4 --replication-factor 1 "${config[@]}"
done
for user in billing-service usage-service notification-service operator-console carrier-mediation analyst; do
  variable="KAFKA_$(echo "$user" | tr 'a-z-' 'A-Z_')_PASSWORD"
  password="${!variable:?$variable is not set}"
  "$bin/kafka-configs.sh" --bootstrap-server kafka:9092 --command-config "$admin" --alter \
    --add-config "SCRAM-SHA-512=[iterations=4096,password=$password]" --entity-type users --entity-name "$user"
done
while IFS=$'\t' read -r principal type name pattern operation; do
  case "$principal" in ''|'#'*) continue ;; esac
  "$bin/kafka-acls.sh" --bootstrap-server kafka:9092 --command-config "$admin" --add \
    --allow-principal "$principal" --operation "$operation" "--$type" "$name" \
    --resource-pattern-type "$pattern" > /dev/null
done < /esim/acls.tsv
echo "Kafka topics, users and ACLs are in place"
