#!/usr/bin/env bash
# A real Prometheus scrapes an HPB and its media node through the metrics endpoint during a call, with
# the production bundles (metrics on) and the scrape configuration talk-hpb exports. Prometheus runs on
# the participants' side at the one address metricsSourceCidrs admits, as an admin's monitoring host.
# Steps, each leaving its reports in <work>:
#   listeners   where each exporter listens (ss), on the HPB and on the node
#   watchdog    the watchdog's run (its results become metrics through the node exporter)
#   prometheus  Prometheus scrapes every target; a call starts; once Prometheus has seen its publishers,
#               every dashboard query (queries.txt, one per line) is asked: queries.results.jsonl
#   verify      verify --metrics from the Prometheus host
#   refusals    the endpoint without the token, with a wrong one, from an address outside
#               metricsSourceCidrs, from the HPB's own address (not in it); the public site's /metrics
# The script fails only when the set-up fails; the caller judges the reports.
# Usage (inside unshare --mount --net --pid --mount-proc --fork --kill-child):
#   run-metrics-in-namespace.sh <work dir> <domain> <HPB address> <provision dir> <call-client.py> \
#     <fake Nextcloud port> <shared secret file> <hello v2 key file> <java classpath>
# <work> holds hpb.json, node1.json, the call plan call.json, scrape.yml (the prometheusScrapeConfig
# output), token (the metrics token), endpoint (the metricsEndpoint output) and queries.txt.
set -euo pipefail
work=$1 domain=$2 address=$3 provision=$4 client=$5 nextcloud_port=$6 secret_file=$7 key_file=$8 classpath=$9
here=$(dirname "$0")
hpb_private=10.77.0.2 node_public=198.18.0.31 node_private=10.77.0.11
prometheus_port=19090

# shellcheck source=hpb-in-namespace.sh
source "$here/hpb-in-namespace.sh"

mkdir -p "$work/node1"
unshare --mount --net bash "$here/media-node-in-namespace.sh" "$work/node1.json" "$work/node1" "$node_public" \
  "$node_private" "$hpb_private" "$provision" > "$work/node1/script.log" 2>&1 &
node_pid=$!
pids+=("$node_pid")
participants_outside
hpb_namespace "$address" part0
sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.part0.proxy_arp=1
while [ "$(readlink "/proc/$node_pid/ns/net")" = "$(readlink /proc/self/ns/net)" ]; do sleep 0.05; done
ip link add mn1 type veth peer name mnode0 netns "$node_pid"
ip link set mn1 up
ip addr add "$hpb_private/32" dev mn1
ip route add "$node_private/32" dev mn1
ip route add "$node_public/32" dev mn1
for _ in $(seq 1 300); do
  if [ -f "$work/node1/ready" ]; then break; fi
  if ! kill -0 "$node_pid" 2>/dev/null; then cat "$work/node1/script.log"; echo "FAIL: the node did not start" >&2; exit 1; fi
  sleep 0.2
done
[ -f "$work/node1/ready" ] || { cat "$work/node1/script.log"; echo "FAIL: the node is not ready" >&2; exit 1; }

echo "$address $domain turn.$domain" >> /etc/hosts
start nextcloud java -cp "$classpath" com.talkhpb.testing.FakeNextcloud "$nextcloud_port" "$secret_file" "$key_file"
wait_port 127.0.0.1 "$nextcloud_port"
hpb_install_and_start "$work/hpb.json" "$domain,turn.$domain" "$address" "$provision"
start_exporters

echo "step: listeners"
ss -Hltn | awk '{print $4}' | sort > "$work/listeners.hpb"
nsenter --net="/proc/$node_pid/ns/net" ss -Hltn | awk '{print $4}' | sort > "$work/listeners.node"

echo "step: watchdog"
systemctl_stand_in
run_watchdog() {
  TALK_HPB_SYSTEMCTL="$work/systemctl" python3 "$provision/watchdog.py" /etc/talk-hpb/watchdog.json > "$work/watchdog.log" 2>&1 || true
}
for _ in $(seq 1 60); do # until the signaling server holds its connections (it starts before it connects)
  run_watchdog
  if jq -e '.healthy' /var/lib/talk-hpb/watchdog/last.json > /dev/null; then break; fi
  sleep 0.5
done
cp /var/lib/talk-hpb/watchdog/last.json "$work/watchdog.json"
cp /var/lib/prometheus/node-exporter/talk-hpb-watchdog.prom "$work/watchdog.prom"

echo "step: prometheus"
mkdir -p "$work/prometheus"
{
  printf 'global:\n  scrape_interval: 2s\n  scrape_timeout: 2s\n'
  cat "$work/scrape.yml"
} > "$work/prometheus/prometheus.yml"
ca_file=$(sed -n 's/^ *ca_file: *//p' "$work/scrape.yml" | head -n 1)
if [ -n "$ca_file" ]; then cp /etc/talk-hpb/tls/fullchain.pem "$work/prometheus/$ca_file"; fi
start prometheus in_outside prometheus --config.file="$work/prometheus/prometheus.yml" \
  --storage.tsdb.path="$work/prometheus/data" --web.listen-address="127.0.0.1:$prometheus_port"
query() { # PromQL: Prometheus's JSON answer
  in_outside curl -sS --max-time 10 -G "http://127.0.0.1:$prometheus_port/api/v1/query" --data-urlencode "query=$1"
}
wait_for() { # PromQL, what: until the query has a result
  for _ in $(seq 1 120); do
    if query "$1" 2>/dev/null | jq -e '.data.result | length > 0' > /dev/null; then return 0; fi
    sleep 0.5
  done
  echo "FAIL: waited in vain for $2 ($1): $(query "$1" 2>&1)" >&2
  return 1
}
targets=$(grep -c '__metrics_path__' "$work/scrape.yml")
wait_for "count(up == 1) == $targets" "every target up" || query 'up' > "$work/up.json"
query 'up' > "$work/up.json"
in_outside /usr/bin/python3 "$client" < "$work/call.json" > "$work/call.report.json" 2> "$work/call.log" &
call_pid=$!
wait_for 'sum(signaling_mcu_publishers{host="hpb"}) >= 2' "the call's publishers, as Prometheus scraped them"
run_watchdog
sleep 8 # a few more scrapes of the call: rates need two samples in their window
while IFS= read -r expr; do
  query "$expr" | jq -c --arg expr "$expr" '{expr: $expr, status, result: .data.result}'
done < "$work/queries.txt" > "$work/queries.results.jsonl"
# What a scrape costs: its duration and samples per target, and the exporters' memory on the HPB.
query 'max_over_time(scrape_duration_seconds[1m])' > "$work/scrape-durations.json"
query 'scrape_samples_scraped' > "$work/scrape-samples.json"
ps -o rss=,comm= -C prometheus-node-exporter,prometheus-nginx-exporter,prometheus-process-exporter > "$work/exporters.rss" || true
wait "$call_pid" || true
tail -n 3 "$work/call.log"

echo "step: verify --metrics"
# As an admin runs it from the Prometheus host, with the exported scrape configuration.
in_outside java -cp "$classpath" com.talkhpb.App verify --url "https://$domain/standalone-signaling/" \
  --ca-file /etc/talk-hpb/tls/fullchain.pem --metrics "$work/scrape.yml" > "$work/verify.txt" 2>&1 || true

echo "step: refusals"
endpoint="$(cat "$work/endpoint")/metrics/hpb/signaling"
status() { # curl arguments: the HTTP status, or "no answer" (curl's exit status)
  local code
  if code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 4 --cacert /etc/talk-hpb/tls/fullchain.pem "$@"); then
    echo "$code"
  else
    echo "no answer (curl exit $?)"
  fi
}
token=$(cat "$work/token")
in_outside ip addr add 192.168.77.3/24 dev part1
{
  echo "with the token: $(in_outside bash -c "$(declare -f status); status -H 'Authorization: Bearer $token' '$endpoint'")"
  echo "without a token: $(in_outside bash -c "$(declare -f status); status '$endpoint'")"
  echo "with a wrong token: $(in_outside bash -c "$(declare -f status); status -H 'Authorization: Bearer ${token}x' '$endpoint'")"
  echo "with the token in lower case: $(in_outside bash -c "$(declare -f status); status -H 'Authorization: Bearer ${token,,}' '$endpoint'")"
  echo "from outside metricsSourceCidrs: $(in_outside bash -c "$(declare -f status); status --interface 192.168.77.3 -H 'Authorization: Bearer $token' '$endpoint'")"
  echo "from the HPB's own address: $(status -H "Authorization: Bearer $token" "$endpoint")"
  echo "the public site's /metrics, claiming loopback: $(in_outside bash -c "$(declare -f status); status -H 'X-Real-IP: 127.0.0.1' -H 'X-Forwarded-For: 127.0.0.1' 'https://$domain/standalone-signaling/metrics'")"
} > "$work/refusals.txt"
cat "$work/refusals.txt"
echo "metrics done"
