#!/usr/bin/env bash
# Real calls through a production bundle: the HPB installed and started as on the host (see
# hpb-in-namespace.sh), a fake Nextcloud inside the namespace, then the call client run once per plan.
# Each plan's report is written next to it (<plan>.report.json); the script fails only when the HPB
# does not come up, so the caller judges the calls. A plan's "harness" says where its participants
# are ("hpb": on the HPB's network; "outside": behind a router; "outside-turn-only": behind a firewall
# that admits only HTTPS and TURN to the HPB; "outside-https-only": only TCP 443; "outside-ipv6-only":
# no IPv4 at all; "outside-ipv6-turn-only": only HTTPS and TURN, over IPv6) and which fault to inject ("rtp-closed": Janus's RTP range
# dropped from outside; "janus-stopped": Janus killed, so it must come last).
# Usage (inside unshare --mount --net --pid --mount-proc --fork --kill-child):
#   run-call-in-namespace.sh <install.json> <work dir> <domain> <public address> <provision dir> \
#     <call-client.py> <fake Nextcloud port> <shared secret file> <hello v2 key file> <java classpath> <public IPv6> <plan.json>...
set -euo pipefail
doc=$1 work=$2 domain=$3 address=$4 provision=$5 client=$6 nextcloud_port=$7 secret_file=$8 key_file=$9 classpath=${10}
address6=${11}
shift 11

# shellcheck source=hpb-in-namespace.sh
source "$(dirname "$0")/hpb-in-namespace.sh"
participants_outside
hpb_namespace "$address" part0
ip -6 addr add "$address6/128" dev part0 nodad
ip -6 route add fd00:77::/64 dev part0
# The HPB's names resolve to its public address for the participants, as public DNS makes it: the IPv4
# address, or the IPv6 one for an IPv6-only network (one at a time: a client that tries an address its
# firewall drops waits for a timeout before the other).
hpb_names_resolve_to() {
  sed -i "/ $domain turn.$domain\$/d" /etc/hosts
  echo "$1 $domain turn.$domain" >> /etc/hosts
}
hpb_names_resolve_to "$address"
start nextcloud java -cp "$classpath" com.talkhpb.testing.FakeNextcloud "$nextcloud_port" "$secret_file" "$key_file"
wait_port 127.0.0.1 "$nextcloud_port"
hpb_install_and_start "$doc" "$domain,turn.$domain" "$address" "$provision"
for _ in $(seq 1 60); do
  if curl -sS http://127.0.0.1:8080/api/v1/stats | jq -e '.mcu.connected == true' > /dev/null; then break; fi
  sleep 0.5
done

# A network that allows only HTTPS: TCP 443 to the HPB and nothing else (hotels, some offices).
only_https() {
  participants_firewall drop "ip daddr $address tcp dport 443 accept" "ip saddr $address tcp sport 443 accept"
}
# The same over IPv6 only: HTTPS and TURN to the HPB's IPv6 address, nothing else (no IPv4 at all).
ipv6_turn_only() {
  participants_firewall drop \
    "ip6 daddr $address6 tcp dport { 443, $1 } accept; ip6 daddr $address6 udp dport $1 accept" \
    "ip6 saddr $address6 tcp sport { 443, $1 } accept; ip6 saddr $address6 udp sport $1 accept"
}
# An IPv6-only network: no IPv4 in or out (refused at once, so clients move on to the IPv6 address).
ipv6_only() {
  participants_firewall accept "meta nfproto ipv4 reject" "meta nfproto ipv4 drop"
}

# Faults the call tests must notice: the cloud firewall closing Janus's RTP range from outside, and
# Janus gone while the signaling server runs.
rtp_closed() {
  nft -f - <<NFT
table inet hpb_fault {
  chain input {
    type filter hook input priority 0; policy accept;
    iif "part0" udp dport $1 drop
  }
}
NFT
}
no_fault() {
  nft delete table inet hpb_fault 2>/dev/null || true
}

for plan in "$@"; do
  hpb_names_resolve_to "$address"
  echo "step: call $(basename "$plan")"
  where=$(jq -r '.harness.participants // "hpb"' "$plan")
  run=(/usr/bin/python3 "$client")
  if [ "$where" != hpb ]; then
    open_network
    run=(in_outside /usr/bin/python3 "$client")
  fi
  if [ "$where" = outside-turn-only ]; then turn_only "$(jq -r .harness.turnPort "$plan")"; fi
  if [ "$where" = outside-https-only ]; then only_https; fi
  if [ "$where" = outside-ipv6-only ]; then ipv6_only; hpb_names_resolve_to "$address6"; fi
  if [ "$where" = outside-ipv6-turn-only ]; then
    ipv6_turn_only "$(jq -r .harness.turnPort "$plan")"
    hpb_names_resolve_to "$address6"
  fi
  case "$(jq -r '.harness.fault // "none"' "$plan")" in
    rtp-closed) rtp_closed "$(jq -r .harness.rtpPorts "$plan")" ;;
    janus-stopped) pkill -x janus; sleep 1 ;;
    none) ;;
  esac
  if [ "$(jq -r '.harness.command // "call-client"' "$plan")" = federation-probe ]; then
    # A participant on the HPB's network names a federated HPB in a room join; a stand-in HPB at a
    # public-looking address records whether the signaling server reached it.
    if ! ip link show hpb3 > /dev/null 2>&1; then
      ip link add hpb2 type veth peer name hpb3 2>/dev/null || true
      ip link set hpb2 up && ip link set hpb3 up && ip addr add 5.75.130.99/32 dev hpb3
      start remote-hpb /usr/bin/python3 -c '
import asyncio, websockets
async def serve(ws, path="/"):
    print("remote HPB stand-in: a connection from", ws.remote_address[0], flush=True)
    await ws.close()
async def main():
    async with websockets.serve(serve, "5.75.130.99", 8081):
        await asyncio.Future()
asyncio.run(main())'
      wait_port 5.75.130.99 8081
    fi
    /usr/bin/python3 "$(dirname "$0")/federation-probe.py" "wss://$domain/standalone-signaling/spreed" /etc/talk-hpb/tls/fullchain.pem \
      "$(jq -c .harness.hello "$plan")" "$(jq -r .harness.federated "$plan")" > "$plan.report.json" 2> "$plan.log" || true
    cp "$work/logs/remote-hpb.log" "$plan.remote.log" 2>/dev/null || true
    continue
  fi
  if [ "$(jq -r '.harness.command // "call-client"' "$plan")" = verify ]; then
    # The operator's check: talk-hpb's own verify, with its --call.
    mapfile -t args < <(jq -r '.harness.args[]' "$plan")
    run=("${run[@]:0:${#run[@]}-2}" java -cp "$classpath" com.talkhpb.App verify "${args[@]}")
    status=0
    "${run[@]}" > "$plan.report.txt" 2> "$plan.log" || status=$?
    echo "exit status $status" >> "$plan.report.txt"
  else
    "${run[@]}" < "$plan" > "$plan.report.json" 2> "$plan.log" || true
  fi
  no_fault
  tail -n 5 "$plan.log"
done
echo "calls done"
