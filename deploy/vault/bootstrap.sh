#!/bin/sh
# Idempotent Vault bootstrap for tokenwarden, over the HTTP API with curl, so the same script configures
# HashiCorp Vault, OpenBao and the sandbox's in-memory dev server. Run it as often as you like: every step
# either creates what is missing or rewrites it to the same content.
#
#   VAULT_ADDR, VAULT_TOKEN         required; a token allowed to manage mounts, policies and auth methods
#   VAULT_NAMESPACE                 optional (Vault Enterprise, OpenBao)
#   TOKENWARDEN_MOUNT               KV v2 mount (default tokenwarden)
#   TOKENWARDEN_CONSUMERS           consumer list (default consumers.tsv beside this script)
#   TOKENWARDEN_K8S_NAMESPACE       namespace of the service accounts (default tokenwarden)
#   KUBERNETES_HOST                 API server Vault checks service-account tokens with
#                                   (default https://kubernetes.default.svc)
#   KUBERNETES_CA_CERT              that API server's CA (PEM); without it Vault uses its own trust store
#   TOKENWARDEN_JWT_PATH            mount of the GitHub Actions JWT auth method (default jwt-github-actions)
#   TOKENWARDEN_GHA_AUDIENCE        audience of the workflows' OIDC tokens (default sigstore, which
#                                   hashicorp/vault-action requests unless told otherwise)
#   TOKENWARDEN_INTERNAL_TIERS      internal tier:service pairs (default "auditor:workflow-auditor
#                                   notifier:notifier fixer:workflow-auditor")
#   TOKENWARDEN_AUTH_METHODS        which of approle, kubernetes, jwt to set up (default all three; the
#                                   local stack, with neither a cluster nor GitHub Actions, sets approle)
#
# Kubernetes and GitHub Actions OIDC (JWT) auth are set up only where the server has those methods; where
# it does not (the in-memory dev server), the script says so and skips them.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
: "${VAULT_ADDR:?set VAULT_ADDR to the Vault address}"
: "${VAULT_TOKEN:?set VAULT_TOKEN to a token that may manage mounts, policies and auth methods}"
mount=${TOKENWARDEN_MOUNT:-tokenwarden}
consumers=${TOKENWARDEN_CONSUMERS:-$here/consumers.tsv}
k8s_namespace=${TOKENWARDEN_K8S_NAMESPACE:-tokenwarden}
k8s_host=${KUBERNETES_HOST:-https://kubernetes.default.svc}
jwt_path=${TOKENWARDEN_JWT_PATH:-jwt-github-actions}
gha_issuer=https://token.actions.githubusercontent.com
gha_audience=${TOKENWARDEN_GHA_AUDIENCE:-sigstore}
internal_tiers=${TOKENWARDEN_INTERNAL_TIERS:-auditor:workflow-auditor notifier:notifier fixer:workflow-auditor}
services="token-broker workflow-auditor notifier"
auth_methods=${TOKENWARDEN_AUTH_METHODS:-approle kubernetes jwt}

say() { printf 'vault-bootstrap: %s\n' "$*"; }
fail() { printf 'vault-bootstrap: ERROR: %s\n' "$*" >&2; exit 1; }

command -v curl >/dev/null 2>&1 || fail "curl is required (the script speaks Vault's HTTP API)"
[ -r "$consumers" ] || fail "cannot read the consumer list $consumers"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The token goes to curl in a header file, never on a command line other processes can read.
umask 077
printf 'X-Vault-Token: %s\nX-Vault-Request: true\n' "$VAULT_TOKEN" > "$work/headers"
if [ -n "${VAULT_NAMESPACE:-}" ]; then
  printf 'X-Vault-Namespace: %s\n' "$VAULT_NAMESPACE" >> "$work/headers"
fi

# api METHOD PATH [JSON]: sets status and body.
api() {
  if [ $# -ge 3 ]; then
    printf '%s' "$3" > "$work/request"
    set -- "$1" "$2" --data-binary "@$work/request"
  fi
  method=$1 path=$2
  shift 2
  status=$(curl -sS --connect-timeout 5 --max-time 30 --retry 3 --retry-connrefused -o "$work/response" \
    -w '%{http_code}' -X "$method" -H "@$work/headers" "$@" "$VAULT_ADDR/v1/$path") || status=000
  body=$(cat "$work/response" 2>/dev/null || true)
}

# must METHOD PATH [JSON]: as api, failing on anything but 2xx.
must() {
  api "$@"
  case $status in
    2??) ;;
    *) fail "$1 $2 answered $status: $body" ;;
  esac
}

# A JSON string literal of stdin (for policy text): escapes backslashes, quotes and line ends.
json_string() {
  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' | awk 'BEGIN { ORS = ""; print "\"" } { print $0 "\\n" } END { print "\"" }'
}

# A path segment from configuration, checked before it goes into a path, a policy or sed.
segment() {
  case $1 in
    '' | *[!A-Za-z0-9._-]* | . | ..) fail "'$1' is not a valid name (letters, digits, '.', '_', '-')" ;;
  esac
}

render() { # render TEMPLATE tier consumer-or-service
  sed -e "s|{{mount}}|$mount|g" -e "s|{{tier}}|$2|g" -e "s|{{consumer}}|$3|g" -e "s|{{service}}|$3|g" "$here/policies/$1"
}

put_policy() { # put_policy NAME FILE
  must PUT "sys/policies/acl/$1" "{\"policy\":$(json_string < "$2")}"
  say "policy $1"
}

# enable_auth PATH TYPE: 0 when the method is (now) enabled, 1 when the server does not have it.
# Whether auth method $1 is one of TOKENWARDEN_AUTH_METHODS.
wanted() {
  case " $auth_methods " in
    *" $1 "*) return 0 ;;
  esac
  say "auth method $1 not asked for (TOKENWARDEN_AUTH_METHODS=$auth_methods); skipping it"
  return 1
}

enable_auth() {
  api GET "sys/auth/$1"
  if [ "$status" = 200 ]; then
    return 0
  fi
  api POST "sys/auth/$1" "{\"type\":\"$2\"}"
  case $status in
    2??) say "enabled $2 auth at auth/$1"; return 0 ;;
    400 | 404)
      case $body in
        *"already in use"*) return 0 ;;
      esac
      say "this server has no $2 auth method ($status: $body); skipping auth/$1 and its roles"
      return 1 ;;
    *) fail "enabling $2 auth at auth/$1 answered $status: $body" ;;
  esac
}

segment "$mount"
segment "$k8s_namespace"
segment "$jwt_path"

# 1. The KV version 2 mount, requiring check-and-set on every write.
api GET "sys/mounts/$mount"
if [ "$status" != 200 ]; then
  must POST "sys/mounts/$mount" '{"type":"kv","options":{"version":"2"},"description":"tokenwarden: GitHub credentials"}'
  say "mounted KV v2 at $mount/"
fi
# A new KV v2 mount upgrades itself before it serves requests: give it a few seconds.
tries=0
api GET "$mount/config"
while [ "$status" != 200 ] && [ "$tries" -lt 20 ]; do
  sleep 1
  tries=$((tries + 1))
  api GET "$mount/config"
done
[ "$status" = 200 ] || fail "$mount/ exists but is not a KV version 2 mount ($status: $body)"
must POST "$mount/config" '{"cas_required":true}'
say "$mount/ is KV v2 with cas_required"

# 2. Policies: the broker; each service with an internal tier; each consumer of each tier.
render broker.hcl - - > "$work/policy"
put_policy tokenwarden-broker "$work/policy"

for service in workflow-auditor notifier; do
  : > "$work/policy"
  for pair in $internal_tiers; do
    tier=${pair%%:*} owner=${pair#*:}
    segment "$tier"
    if [ "$owner" = "$service" ]; then
      render internal-tier.hcl "$tier" "$service" >> "$work/policy"
    fi
  done
  [ -s "$work/policy" ] || printf '# %s reads no internal tier.\npath "%s/data/github/-none-/*" {\n  capabilities = ["deny"]\n}\n' \
    "$service" "$mount" > "$work/policy"
  put_policy "tokenwarden-$service" "$work/policy"
done

policy_of() { # the policy a service's auth roles carry
  if [ "$1" = token-broker ]; then echo tokenwarden-broker; else echo "tokenwarden-$1"; fi
}

grep -v '^[[:space:]]*#' "$consumers" | awk 'NF > 0' > "$work/consumers"
while read -r tier consumer repository environment; do
  segment "$tier"
  segment "$consumer"
  render consumer.hcl "$tier" "$consumer" > "$work/policy"
  put_policy "tokenwarden-consumer-$tier-$consumer" "$work/policy"
done < "$work/consumers"

# 3. AppRole for each service that reads or writes credentials.
if wanted approle && enable_auth approle approle; then
  for service in $services; do
    must POST "auth/approle/role/tokenwarden-$service" \
      "{\"token_policies\":[\"$(policy_of "$service")\"],\"token_ttl\":\"1h\",\"token_max_ttl\":\"24h\",\"secret_id_ttl\":\"720h\"}"
    say "AppRole role tokenwarden-$service"
  done
fi

# 4. Kubernetes auth: one role per service, bound to its service account (the Vault agent logs in with it).
if wanted kubernetes && enable_auth kubernetes kubernetes; then
  if [ -n "${KUBERNETES_CA_CERT:-}" ]; then
    ca=$(printf '%s\n' "$KUBERNETES_CA_CERT" | json_string)
    api POST auth/kubernetes/config "{\"kubernetes_host\":\"$k8s_host\",\"kubernetes_ca_cert\":$ca}"
  else
    # Without a CA, a Vault running in the cluster uses its own pod's service-account CA.
    api POST auth/kubernetes/config "{\"kubernetes_host\":\"$k8s_host\"}"
  fi
  case $status in
    2??) say "kubernetes auth checks tokens with $k8s_host" ;;
    *) say "WARNING: kubernetes auth config not accepted ($status: $body); roles are written, logins fail until it is" ;;
  esac
  for service in $services; do
    must POST "auth/kubernetes/role/tokenwarden-$service" \
      "{\"bound_service_account_names\":[\"tokenwarden-$service\"],\"bound_service_account_namespaces\":[\"$k8s_namespace\"],\"token_policies\":[\"$(policy_of "$service")\"],\"token_ttl\":\"1h\",\"token_max_ttl\":\"24h\"}"
    say "kubernetes role tokenwarden-$service (service account tokenwarden-$service in $k8s_namespace)"
  done
fi

# 5. GitHub Actions OIDC: a JWT role per repository and environment, carrying its consumers' policies.
if wanted jwt && enable_auth "$jwt_path" jwt; then
  api POST "auth/$jwt_path/config" "{\"oidc_discovery_url\":\"$gha_issuer\",\"bound_issuer\":\"$gha_issuer\"}"
  case $status in
    2??) say "auth/$jwt_path trusts $gha_issuer" ;;
    *) say "WARNING: auth/$jwt_path config not accepted ($status: $body); roles are written, logins fail until the server reaches $gha_issuer" ;;
  esac
  awk '$3 != "-" && $3 != "" { print $3, $4 }' "$work/consumers" | sort -u > "$work/bindings"
  while read -r repository environment; do
    owner=${repository%%/*} name=${repository#*/}
    segment "$owner"
    segment "$name"
    segment "$environment"
    policies=$(awk -v r="$repository" -v e="$environment" \
      '$3 == r && $4 == e { printf "%s\"tokenwarden-consumer-%s-%s\"", (n++ ? "," : ""), $1, $2 }' "$work/consumers")
    role="gha-$owner-$name-$environment"
    must POST "auth/$jwt_path/role/$role" \
      "{\"role_type\":\"jwt\",\"user_claim\":\"repository\",\"bound_audiences\":[\"$gha_audience\"],\"bound_claims_type\":\"string\",\"bound_claims\":{\"repository\":\"$repository\",\"environment\":\"$environment\"},\"token_policies\":[$policies],\"token_ttl\":\"15m\",\"token_max_ttl\":\"1h\"}"
    say "JWT role $role (repository $repository, environment $environment)"
  done < "$work/bindings"
fi

say "done"
