#!/usr/bin/env bash
# Real calls through a production bundle: the HPB installed and started as on the host (see
# hpb-in-namespace.sh), a fake Nextcloud inside the namespace, then the call client run once per plan.
# Each plan's report is written next to it (<plan>.report.json); the script fails only when the HPB
# does not come up, so the caller judges the calls.
# Usage (inside unshare --mount --net --pid --mount-proc --fork --kill-child):
#   run-call-in-namespace.sh <install.json> <work dir> <domain> <public address> <provision dir> \
#     <call-client.py> <fake Nextcloud port> <shared secret file> <hello v2 key file> <java classpath> <plan.json>...
set -euo pipefail
doc=$1 work=$2 domain=$3 address=$4 provision=$5 client=$6 nextcloud_port=$7 secret_file=$8 key_file=$9 classpath=${10}
shift 10

# shellcheck source=hpb-in-namespace.sh
source "$(dirname "$0")/hpb-in-namespace.sh"
hpb_namespace "$address"
# The HPB's name resolves to its public address, as public DNS makes it (Janus resolves the TURN
# server's name for every new publisher; Debian's janus 1.1.2 crashed when it could not).
echo "$address $domain" >> /etc/hosts
start nextcloud java -cp "$classpath" com.talkhpb.testing.FakeNextcloud "$nextcloud_port" "$secret_file" "$key_file"
wait_port 127.0.0.1 "$nextcloud_port"
hpb_install_and_start "$doc" "$domain" "$address" "$provision"
for _ in $(seq 1 60); do
  if curl -sS http://127.0.0.1:8080/api/v1/stats | jq -e '.mcu.connected == true' > /dev/null; then break; fi
  sleep 0.5
done

for plan in "$@"; do
  echo "step: call $(basename "$plan")"
  /usr/bin/python3 "$client" < "$plan" > "$plan.report.json" 2> "$plan.log" || true
  tail -n 5 "$plan.log"
done
echo "calls done"
