#!/usr/bin/env bash
# Checks a media node as the HPB's signaling server will use it, and prints one JSON line.
# Usage: media-node-health.sh <proxy.conf>
# Exit status 0 only when the signaling proxy answers its welcome on the address it listens on (the
# node's private address) with version 2 or later, reports its Janus connected, and the host
# firewall's table is loaded.
set -euo pipefail
conf=$1

fail() {
  echo "talk-hpb: media node health check failed: $*" >&2
  exit 1
}

listen=$(awk -F' *= *' '/^\[/ { section = $0 } section == "[http]" && $1 == "listen" { print $2 }' "$conf")
[ -n "$listen" ] || fail "no [http] listen in $conf"
welcome=""
for _ in $(seq 1 30); do
  if welcome=$(curl -sS --fail --max-time 5 "http://$listen/welcome" 2>/dev/null); then break; fi
  welcome=""
  sleep 2
done
[ -n "$welcome" ] || fail "the signaling proxy does not answer on $listen; see: journalctl -u nextcloud-spreed-signaling-proxy"
version=$(echo "$welcome" | jq -r '.version // empty')
case "$version" in
  ""|0.*|1.*) fail "signaling proxy version '$version' is older than 2.0" ;;
esac
echo "talk-hpb: ok: the signaling proxy $version answers on $listen" >&2

janus=false
for _ in $(seq 1 30); do
  if curl -sS --max-time 5 "http://$listen/stats" | jq -e '.mcu.connected == true' > /dev/null 2>&1; then
    janus=true
    break
  fi
  sleep 2
done
$janus || fail "the signaling proxy reports Janus not connected; see: journalctl -u janus -u nextcloud-spreed-signaling-proxy"
echo "talk-hpb: ok: Janus connected to the proxy" >&2

nft list table inet talk_hpb > /dev/null 2>&1 \
  || fail "the host firewall (nftables table inet talk_hpb) is not loaded; see: systemctl status talk-hpb-firewall"
echo "talk-hpb: ok: the host firewall is loaded" >&2

jq -cn --arg version "$version" --arg listen "$listen" '{version: $version, proxy: $listen}'
