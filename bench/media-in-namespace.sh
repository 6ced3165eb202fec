#!/usr/bin/env bash
# The body of bench/media.sh, inside its namespaces. Usage:
#   media-in-namespace.sh <work dir> <address> <domain> <call-client.py> <media-load.py> <seconds> <fanout steps> <mesh steps>
set -euo pipefail
work=$1 address=$2 domain=$3 client=$4 load=$5 seconds=$6 fanout=$7 mesh=$8

# shellcheck source=../src/test/resources/com/talkhpb/it/hpb-in-namespace.sh
source "$work/hpb-in-namespace.sh"
hpb_namespace "$address"
echo "$address $domain" >> /etc/hosts
# Janus's packaged configuration, kept before the bundle replaces it: the baseline.
cp -a /etc/janus "$work/janus-debian"
hpb_install_and_start "$work/install.json" "$domain,turn.$domain" "$address" "$work/provision" > "$work/logs/install.log"

mcu_connected() {
  for _ in $(seq 1 120); do
    if curl -sS http://127.0.0.1:8080/api/v1/stats | jq -e '.mcu.connected == true' > /dev/null; then return 0; fi
    sleep 0.5
  done
  echo "the signaling server did not reconnect to Janus" >&2
  return 1
}
mcu_connected

plan=$(jq -n --arg url "wss://$domain/standalone-signaling/spreed" --arg secret "$(cat "$work/internal-secret")" \
  --arg backend "$(cat "$work/backend-url")" \
  '{signalingUrl: $url, caFile: "/etc/talk-hpb/tls/fullchain.pem", internalSecret: $secret, backendUrl: $backend}')

results="$work/results.txt"
for config in talk-hpb debian; do
  if [ "$config" = debian ]; then
    pkill -x janus
    sleep 1
    start janus-debian as_user janus /usr/bin/janus --disable-colors --log-stdout --configs-folder="$work/janus-debian"
    mcu_connected
  fi
  janus_pid=$(pgrep -x janus)
  for mode in fanout mesh; do
    steps=$fanout
    if [ "$mode" = mesh ]; then steps=$mesh; fi
    for n in $steps; do
      room="bench-$config-$mode-$n"
      line=$(echo "$plan" | jq --arg room "$room" '. + {room: $room}' \
        | /usr/bin/python3 "$load" "$client" "$janus_pid" "$mode" "$n" "$seconds" 2> "$work/logs/load-$config-$mode-$n.log" | tail -n 1) \
        || line='{"error": "load client failed"}'
      echo "$config $line" | tee -a "$results"
      sleep 2
      # A step that lost frames ends this mode: larger ones only lose more.
      if [ "$(echo "$line" | jq -r '.worstDelivery // 0 | . < 0.95')" = true ]; then break; fi
    done
  done
done
echo "results: $results"
