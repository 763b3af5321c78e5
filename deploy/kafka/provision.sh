#!/bin/sh
# Creates every tokenwarden topic (topics.conf) and the per-service ACLs (acls.conf) on the compose broker.
# Idempotent: topics are created with --if-not-exists and adding an ACL that exists changes nothing.
# Runs in the apache/kafka image as the broker's super user; the password comes from the environment and
# is written only to a file readable by this process.
set -eu

: "${KAFKA_BOOTSTRAP_SERVERS:?set KAFKA_BOOTSTRAP_SERVERS}"
: "${KAFKA_ADMIN_PASSWORD:?set KAFKA_ADMIN_PASSWORD}"
KAFKA_BIN=${KAFKA_BIN:-/opt/kafka/bin}
HERE=$(cd "$(dirname "$0")" && pwd)

umask 077
ADMIN_CONFIG=$(mktemp)
trap 'rm -f "$ADMIN_CONFIG"' EXIT
cat > "$ADMIN_CONFIG" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD";
PROPERTIES

admin() { "$KAFKA_BIN/$1" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --command-config "$ADMIN_CONFIG" "$@"; }

# Strip comments and blank lines.
entries() { sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$1"; }

entries "$HERE/topics.conf" | while read -r topic partitions policy retention; do
  admin kafka-topics.sh --create --if-not-exists --topic "$topic" --partitions "$partitions" \
    --replication-factor 1 --config "cleanup.policy=$policy" --config "retention.ms=$retention" \
    | sed "s/^/provision: /" || { echo "provision: could not create $topic" >&2; exit 1; }
done

entries "$HERE/acls.conf" | while read -r service operation topic; do
  case "$operation" in
    read) operations="--operation Read --operation Describe" ;;
    write) operations="--operation Write --operation Describe" ;;
    *) echo "provision: unknown operation '$operation' in acls.conf" >&2; exit 1 ;;
  esac
  # shellcheck disable=SC2086 # $operations is a list of flags
  admin kafka-acls.sh --add --allow-principal "User:tokenwarden-$service" $operations --topic "$topic" >/dev/null
done

for service in $(entries "$HERE/acls.conf" | awk '{print $1}' | sort -u); do
  admin kafka-acls.sh --add --allow-principal "User:tokenwarden-$service" --operation Read \
    --group "$service" --resource-pattern-type prefixed >/dev/null
done

echo "provision: $(entries "$HERE/topics.conf" | wc -l) topics and $(entries "$HERE/acls.conf" | wc -l) topic ACLs in place"
