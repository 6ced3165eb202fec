#!/usr/bin/env bash
# Calls through an HPB whose signaling server places publishers on two media nodes (each Janus behind
# the upstream signaling proxy, in namespaces of its own: media-node-in-namespace.sh), with the
# production bundles. The HPB's namespace is the participants' way to everything, as the Internet is:
# it forwards between the participants' link and the nodes' public addresses, and reaches the nodes'
# proxies over their private addresses (the private network). Steps, each leaving its reports in <work>:
#   one-node      the HPB knows node 1 only: the health checks, a call
#   add-node      a call goes on while the HPB's bundle gains node 2 (a reload, not a restart)
#   spread        two rooms at once, the second started a few seconds later
#   proxy-stopped node 1's proxy stopped: the health check fails, a new call goes to node 2; node 1 comes back
#   remove-node   node 2 leaves the HPB's bundle (a reload) while that call goes on; a new call meanwhile
#   drain         a call goes on while the node that carries it drains; a new call meanwhile
#   reach         who may reach a node's proxy
# The script fails only when the set-up fails; the caller judges the reports.
# Usage (inside unshare --mount --net --pid --mount-proc --fork --kill-child):
#   run-media-nodes-in-namespace.sh <work dir> <domain> <HPB address> <provision dir> <call-client.py> \
#     <fake Nextcloud port> <shared secret file> <hello v2 key file> <java classpath>
# <work> holds hpb-one-node.json, hpb-two-nodes.json, node1.json, node2.json, the plans <step>.json, and the
# health check's input (health.json) and features (features: required, then optional, comma separated).
set -euo pipefail
work=$1 domain=$2 address=$3 provision=$4 client=$5 nextcloud_port=$6 secret_file=$7 key_file=$8 classpath=$9
here=$(dirname "$0")
hpb_private=10.77.0.2
node_public() { echo "198.18.0.3$1"; }
node_private() { echo "10.77.0.1$1"; }

# shellcheck source=hpb-in-namespace.sh
source "$here/hpb-in-namespace.sh"

# The nodes first: their mount namespaces copy the machine's /etc, not the HPB's overlay.
declare -A node_pid=()
for n in 1 2; do
  mkdir -p "$work/node$n"
  unshare --mount --net bash "$here/media-node-in-namespace.sh" "$work/node$n.json" "$work/node$n" "$(node_public "$n")" \
    "$(node_private "$n")" "$hpb_private" "$provision" > "$work/node$n/script.log" 2>&1 &
  node_pid[$n]=$!
  pids+=("$!")
done
participants_outside
hpb_namespace "$address" part0
# The HPB's namespace routes between the participants and the nodes' public addresses.
sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.part0.proxy_arp=1
for n in 1 2; do
  while [ "$(readlink "/proc/${node_pid[$n]}/ns/net")" = "$(readlink /proc/self/ns/net)" ]; do sleep 0.05; done
  ip link add "mn$n" type veth peer name mnode0 netns "${node_pid[$n]}"
  ip link set "mn$n" up
  ip addr add "$hpb_private/32" dev "mn$n"
  ip route add "$(node_private "$n")/32" dev "mn$n"
  ip route add "$(node_public "$n")/32" dev "mn$n"
done
for n in 1 2; do
  for _ in $(seq 1 300); do
    if [ -f "$work/node$n/ready" ]; then break; fi
    if ! kill -0 "${node_pid[$n]}" 2>/dev/null; then cat "$work/node$n/script.log"; echo "FAIL: node $n did not start" >&2; exit 1; fi
    sleep 0.2
  done
  [ -f "$work/node$n/ready" ] || { cat "$work/node$n/script.log"; echo "FAIL: node $n is not ready" >&2; exit 1; }
  echo "node $n: Janus and the proxy run at $(node_public "$n") / $(node_private "$n")"
done

echo "$address $domain turn.$domain" >> /etc/hosts
start nextcloud java -cp "$classpath" com.talkhpb.testing.FakeNextcloud "$nextcloud_port" "$secret_file" "$key_file"
wait_port 127.0.0.1 "$nextcloud_port"
hpb_install_and_start "$work/hpb-one-node.json" "$domain,turn.$domain" "$address" "$provision"

stats() { curl -sS --max-time 5 http://127.0.0.1:8080/api/v1/stats; }
# wait_for <jq condition on the stats' mcu> <what>
wait_for() {
  for _ in $(seq 1 120); do
    if stats | jq -e ".mcu | $1" > /dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  echo "FAIL: waited in vain for $2: $(stats | jq -c .mcu)" >&2
  return 1
}
connected() { echo "(.details // []) | map(select(.url == \"http://$(node_private "$1"):9090\" and .connected)) | length == 1"; }
call() { # step: the call client on the participants' side, its report beside the plan
  in_outside /usr/bin/python3 "$client" < "$work/$1.json" > "$work/$1.report.json" 2> "$work/$1.log" || true
  tail -n 3 "$work/$1.log"
}
hpb_janus_rtp_sockets() { # UDP sockets of the HPB's own Janus (this namespace) in the RTP range
  ss -uanp | grep -c '"janus"' || true
}

# The provisioning health checks: the HPB's (args and input as its step gives them) and a node's (in its namespaces).
hpb_health() { # name: its report and log, and its exit status in <name>.status
  local status=0
  bash "$provision/health-check.sh" "$domain" self-signed "$(sed -n 1p "$work/features")" "$(sed -n 2p "$work/features")" \
    127.0.0.1:8080 4222 127.0.0.1 3478 "turn.$domain" < "$work/health.json" > "$work/$1.json" 2> "$work/$1.log" || status=$?
  echo "$status" > "$work/$1.status"
}
node_health() { # node name
  local status=0
  nsenter --net="/proc/${node_pid[$1]}/ns/net" --mount="/proc/${node_pid[$1]}/ns/mnt" \
    bash "$provision/media-node-health.sh" /etc/nextcloud-spreed-signaling/proxy.conf > "$work/$2.json" 2> "$work/$2.log" || status=$?
  echo "$status" > "$work/$2.status"
}

echo "step: one-node"
wait_for "$(connected 1)" "node 1 connected"
node_health 1 node1-health
hpb_health health-one-node
call one-node

echo "step: add-node"
call during-add &
call_pid=$!
wait_for ".publishers >= 2" "the call's publishers"
bash "$provision/install-bundle.sh" --no-services < "$work/hpb-two-nodes.json" > "$work/add-node.install.log"
signaling_before=$(pgrep -f nextcloud-spreed-signaling-server)
date +%s.%N > "$work/add-node.at"
kill -HUP "$signaling_before"
wait_for "$(connected 2)" "node 2 connected after the reload"
pgrep -f nextcloud-spreed-signaling-server > "$work/add-node.signaling-after"
echo "$signaling_before" > "$work/add-node.signaling-before"
stats > "$work/add-node.stats.json"
wait "$call_pid"

echo "step: spread"
call spread-a &
first=$!
sleep 4
call spread-b &
second=$!
wait_for '(.details // []) | map(select(.publishers > 0)) | length == 2' "publishers on both nodes" || true
stats > "$work/spread.stats.json"
hpb_janus_rtp_sockets > "$work/spread.hpb-janus-sockets"
# The operator's view: verify with the signaling server's stats (on the HPB, as through an SSH forward).
java -cp "$classpath" com.talkhpb.App verify --url "https://$domain/standalone-signaling/" --ca-file /etc/talk-hpb/tls/fullchain.pem \
  --stats-url http://127.0.0.1:8080/api/v1/stats > "$work/verify.txt" 2>&1 || true
wait "$first" "$second"

echo "step: proxy-stopped"
kill "$(cat "$work/node1/proxy.pid")"
wait_for "($(connected 1)) | not" "node 1 disconnected"
stats > "$work/proxy-stopped.stats.json"
hpb_health health-node-down
call proxy-stopped &
call_pid=$!
wait_for ".publishers >= 2" "the call's publishers on node 2"
touch "$work/node1/start-proxy"
wait_for "$(connected 1)" "node 1 back"

echo "step: remove-node"
# Scaling down: the HPB's bundle loses node 2 (a reload) while a call goes on there.
bash "$provision/install-bundle.sh" --no-services < "$work/hpb-one-node.json" > "$work/remove-node.install.log"
date +%s.%N > "$work/remove-node.at"
kill -HUP "$(pgrep -f nextcloud-spreed-signaling-server)"
sleep 2
stats > "$work/remove-node.stats.json"
call after-remove
wait "$call_pid"
bash "$provision/install-bundle.sh" --no-services < "$work/hpb-two-nodes.json" > /dev/null
kill -HUP "$(pgrep -f nextcloud-spreed-signaling-server)"
wait_for "$(connected 2)" "node 2 back in the list"

echo "step: drain"
call drain-ongoing &
call_pid=$!
wait_for ".publishers >= 2" "the ongoing call's publishers"
sleep 2
carrier=$(stats | jq -r '.mcu.details[] | select(.publishers > 0) | .url' | sed -n 's#^http://10\.77\.0\.1\([0-9]\):9090$#\1#p' | head -n 1)
echo "$carrier" > "$work/drain.node"
proxy_pid=$(cat "$work/node$carrier/proxy.pid")
date +%s.%N > "$work/drain.at"
kill -USR1 "$proxy_pid"
sleep 1
stats > "$work/drain.stats.json"
call drain-new
if kill -0 "$proxy_pid" 2>/dev/null; then echo alive; else echo exited; fi > "$work/drain.proxy-while-call"
wait "$call_pid"
for _ in $(seq 1 60); do
  if ! kill -0 "$proxy_pid" 2>/dev/null; then break; fi
  sleep 0.5
done
if kill -0 "$proxy_pid" 2>/dev/null; then echo alive; else echo exited; fi > "$work/drain.proxy-after-call"

echo "step: reach"
reach() { # where url: "open" when the proxy answers
  if "${@:2}" curl -s --max-time 3 -o /dev/null "$1"; then echo "$1 open"; else echo "$1 closed"; fi
}
other=$((3 - carrier))
{
  reach "http://$(node_private "$other"):9090/welcome"
  reach "http://$(node_private "$other"):9090/welcome" in_outside | sed 's/^/outside /'
  reach "http://$(node_public "$other"):9090/welcome" in_outside | sed 's/^/outside /'
} > "$work/reach.txt"
cat "$work/reach.txt"
echo "media nodes done"
