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

# Runs one Kafka tool as the super user; quiet on success, its whole output on failure (the tools print
# their errors on standard output).
admin() {
  tool=$1
  shift
  if ! output=$("$KAFKA_BIN/$tool" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --command-config "$ADMIN_CONFIG" "$@" 2>&1); then
    echo "provision: $tool $* failed:" >&2
    echo "$output" >&2
    exit 1
  fi
}

# Strip comments and blank lines.
entries() { sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$1"; }

if ! entries "$HERE/acls.conf" | awk '$2 != "read" && $2 != "write" { bad = 1 } END { exit bad }'; then
  echo "provision: acls.conf has an operation other than read or write" >&2
  exit 1
fi

entries "$HERE/topics.conf" | while read -r topic partitions policy retention; do
  admin kafka-topics.sh --create --if-not-exists --topic "$topic" --partitions "$partitions" \
    --replication-factor 1 --config "cleanup.policy=$policy" --config "retention.ms=$retention"
done

# One kafka-acls call per service and operation, covering all its topics: each call starts a JVM.
for service in $(entries "$HERE/acls.conf" | awk '{print $1}' | sort -u); do
  principal="User:tokenwarden-$service"
  for operation in read write; do
    topics=$(entries "$HERE/acls.conf" | awk -v s="$service" -v o="$operation" '$1 == s && $2 == o { printf " --topic %s", $3 }')
    [ -n "$topics" ] || continue
    if [ "$operation" = read ]; then
      operations="--operation Read --operation Describe"
    else
      operations="--operation Write --operation Describe"
    fi
    # shellcheck disable=SC2086 # $operations and $topics are lists of flags
    admin kafka-acls.sh --add --allow-principal "$principal" $operations $topics
  done
  # Consumer groups: any whose id starts with the service's id.
  admin kafka-acls.sh --add --allow-principal "$principal" --operation Read \
    --group "$service" --resource-pattern-type prefixed
done

echo "provision: $(entries "$HERE/topics.conf" | wc -l) topics and $(entries "$HERE/acls.conf" | wc -l) topic ACLs in place"
