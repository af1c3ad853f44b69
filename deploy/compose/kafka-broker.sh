#!/bin/bash
# Compose's `kafka` service: one KRaft node (broker and controller) that speaks SASL_SSL only, authenticates
# SCRAM-SHA-512 principals and enforces ACLs (README "Kafka principals and ACLs").
#
# - Clients: SASL_SSL on kafka:9092, the certificate from kafka-certs.sh.
# - The controller listens on 127.0.0.1:9093 inside the container only (SSL): nothing outside reaches it.
# - SCRAM users are added when the storage is first formatted: `broker` (the broker's own logins), `admin` (super user,
#   provisions topics and ACLs: the topics-init job), and one per component: planner, cutover, dns, monitor, client.
#   Each password comes from the environment (.env), never from this file. A password changed later needs
#   `kafka-configs.sh --alter --entity-type users ...` as admin: the format step runs once.
# - The ACLs themselves are applied by topics-init (`handoff topics --acls`), as admin.
set -euo pipefail
secrets=/etc/kafka/secrets
data=/var/lib/kafka/data
config=/tmp/handoff-kafka/server.properties
for name in KAFKA_SSL_KEYSTORE_PASSWORD KAFKA_SSL_TRUSTSTORE_PASSWORD KAFKA_BROKER_PASSWORD KAFKA_ADMIN_PASSWORD KAFKA_PLANNER_PASSWORD \
    KAFKA_CUTOVER_PASSWORD KAFKA_DNS_PASSWORD KAFKA_MONITOR_PASSWORD KAFKA_CLIENT_PASSWORD; do
  if [ -z "${!name:-}" ]; then
    echo "kafka: set $name (.env)" >&2
    exit 1
  fi
done
jaas() { echo "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$1\" password=\"$2\";"; }
mkdir -p "$(dirname "$config")"
umask 077
cat > "$config" <<PROPERTIES
node.id=1
process.roles=broker,controller
log.dirs=$data
listeners=CLIENT://0.0.0.0:9092,CONTROLLER://127.0.0.1:9093
advertised.listeners=CLIENT://kafka:9092
controller.listener.names=CONTROLLER
controller.quorum.voters=1@127.0.0.1:9093
inter.broker.listener.name=CLIENT
listener.security.protocol.map=CLIENT:SASL_SSL,CONTROLLER:SSL
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.client.scram-sha-512.sasl.jaas.config=$(jaas broker "$KAFKA_BROKER_PASSWORD")
listener.name.controller.ssl.client.auth=required
ssl.keystore.type=PKCS12
ssl.keystore.location=$secrets/broker.p12
ssl.keystore.password=$KAFKA_SSL_KEYSTORE_PASSWORD
ssl.key.password=$KAFKA_SSL_KEYSTORE_PASSWORD
ssl.truststore.type=PKCS12
ssl.truststore.location=/etc/handoff/kafka-ca/truststore.p12
ssl.truststore.password=$KAFKA_SSL_TRUSTSTORE_PASSWORD
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin;User:broker;User:CN=kafka
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES
if [ ! -f "$data/meta.properties" ]; then
  scram=()
  for user in broker admin planner cutover dns monitor client; do
    variable="KAFKA_${user^^}_PASSWORD"
    scram+=(--add-scram "SCRAM-SHA-512=[name=$user,password=${!variable}]")
  done
  /opt/kafka/bin/kafka-storage.sh format -t "$(/opt/kafka/bin/kafka-storage.sh random-uuid)" -c "$config" \
    "${scram[@]}"
fi
# The health check's client: admin, over the same listener as every client.
cat > /tmp/handoff-kafka/admin.properties <<PROPERTIES
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=$(jaas admin "$KAFKA_ADMIN_PASSWORD")
ssl.truststore.type=PKCS12
ssl.truststore.location=/etc/handoff/kafka-ca/truststore.p12
ssl.truststore.password=$KAFKA_SSL_TRUSTSTORE_PASSWORD
PROPERTIES
exec /opt/kafka/bin/kafka-server-start.sh "$config"
