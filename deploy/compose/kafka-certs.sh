#!/bin/sh
# Compose's one-shot `kafka-certs` job: on first start, a CA, the broker's key and certificate (for the host name
# `kafka`) signed by it, and a truststore holding the CA. Later starts change nothing.
#
#   /etc/kafka/secrets        (volume kafka-security, the broker's only): ca.p12, broker.p12
#   /etc/handoff/kafka-ca     (volume kafka-ca, mounted read-only by every client): truststore.p12, the CA alone
#
# Passwords: KAFKA_SSL_KEYSTORE_PASSWORD (CA and broker key stores), KAFKA_SSL_TRUSTSTORE_PASSWORD (the truststore).
# Directories can be moved with HANDOFF_KAFKA_SECRETS and HANDOFF_KAFKA_CA (tests do).
set -eu
secrets=${HANDOFF_KAFKA_SECRETS:-/etc/kafka/secrets}
ca_dir=${HANDOFF_KAFKA_CA:-/etc/handoff/kafka-ca}
: "${KAFKA_SSL_KEYSTORE_PASSWORD:?set KAFKA_SSL_KEYSTORE_PASSWORD}"
: "${KAFKA_SSL_TRUSTSTORE_PASSWORD:?set KAFKA_SSL_TRUSTSTORE_PASSWORD}"
if [ -f "$secrets/broker.p12" ] && [ -f "$ca_dir/truststore.p12" ]; then
  echo "kafka-certs: the broker's certificate and the truststore exist; nothing to do"
  exit 0
fi
umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
store=$KAFKA_SSL_KEYSTORE_PASSWORD
keytool -genkeypair -alias ca -keyalg RSA -keysize 2048 -validity 3650 -dname "CN=handoff compose CA" -ext bc:c \
  -keystore "$work/ca.p12" -storetype PKCS12 -storepass "$store"
keytool -exportcert -rfc -alias ca -keystore "$work/ca.p12" -storepass "$store" -file "$work/ca.pem"
keytool -genkeypair -alias broker -keyalg RSA -keysize 2048 -validity 825 -dname "CN=kafka" \
  -keystore "$work/broker.p12" -storetype PKCS12 -storepass "$store"
keytool -certreq -alias broker -keystore "$work/broker.p12" -storepass "$store" -file "$work/broker.csr"
keytool -gencert -alias ca -keystore "$work/ca.p12" -storepass "$store" -rfc -validity 825 \
  -ext "SAN=dns:kafka,dns:localhost,ip:127.0.0.1" -ext "KU=digitalSignature,keyEncipherment" -ext "EKU=serverAuth,clientAuth" \
  -infile "$work/broker.csr" -outfile "$work/broker.pem"
keytool -importcert -noprompt -alias ca -file "$work/ca.pem" -keystore "$work/broker.p12" -storepass "$store"
keytool -importcert -alias broker -file "$work/broker.pem" -keystore "$work/broker.p12" -storepass "$store"
keytool -importcert -noprompt -alias ca -file "$work/ca.pem" -keystore "$work/truststore.p12" -storetype PKCS12 \
  -storepass "$KAFKA_SSL_TRUSTSTORE_PASSWORD"
mkdir -p "$secrets" "$ca_dir"
cp "$work/ca.p12" "$work/broker.p12" "$secrets/"
# Clients run as other users than the broker: the truststore (public, the CA's certificate alone) is world-readable.
cp "$work/truststore.p12" "$ca_dir/truststore.p12"
chmod 0644 "$ca_dir/truststore.p12"
# Run as root (the volumes' mount points are root's); the broker runs as the image's appuser and reads its key store.
if [ "$(id -u)" = 0 ]; then
  chown "${HANDOFF_KAFKA_OWNER:-1000:1000}" "$secrets/ca.p12" "$secrets/broker.p12"
fi
echo "kafka-certs: made a CA, the broker's certificate for 'kafka' and $ca_dir/truststore.p12"
