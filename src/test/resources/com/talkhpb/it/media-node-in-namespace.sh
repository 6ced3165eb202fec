#!/usr/bin/env bash
# One media node in network and mount namespaces of its own, started by run-media-nodes-in-namespace.sh
# before the HPB's overlays (so the node's /etc overlay lies over the machine's own). It waits for its
# link from the HPB's namespace (mnode0), takes its public and private addresses, installs its bundle
# with the product's install-bundle.sh, loads its host firewall, and runs Janus and the signaling proxy
# as their units' users. It writes <work>/ready once both listen, <work>/proxy.pid for each proxy it
# starts, and starts the proxy again whenever <work>/start-proxy appears (a stopped node coming back).
# With metrics on, the bundle's exporters run too.
# Usage: media-node-in-namespace.sh <install.json> <work dir> <public address> <private address> <HPB private address> <provision dir>
set -euo pipefail
doc=$1 work=$2 public=$3 private=$4 hpb_private=$5 provision=$6

# shellcheck source=hpb-in-namespace.sh
source "$(dirname "$0")/hpb-in-namespace.sh"
mkdir -p "$work"/{etc-upper,etc-work,var-upper,var-work,logs}
for _ in $(seq 1 200); do
  if ip link show mnode0 > /dev/null 2>&1; then break; fi
  sleep 0.1
done
ip link set lo up
ip link set mnode0 up
ip addr add "$public/32" dev mnode0
ip addr add "$private/32" dev mnode0
ip route add "$hpb_private/32" dev mnode0
ip route add default via "$hpb_private" dev mnode0
mount -t overlay overlay -o "lowerdir=/etc,upperdir=$work/etc-upper,workdir=$work/etc-work" /etc
mount -t overlay overlay -o "lowerdir=/var,upperdir=$work/var-upper,workdir=$work/var-work" /var
mount -t tmpfs tmpfs /run

bash "$provision/install-bundle.sh" --no-services < "$doc" > "$work/logs/install.log"
nft -f /etc/talk-hpb/firewall.nft
start janus as_user janus /usr/bin/janus --disable-colors --log-stdout
wait_port 127.0.0.1 8188
start_proxy() {
  start "proxy-$(date +%s%N)" as_user _signaling /usr/bin/nextcloud-spreed-signaling-proxy -config /etc/nextcloud-spreed-signaling/proxy.conf
  echo "$!" > "$work/proxy.pid"
  wait_port "$private" 9090
}
start_proxy
start_exporters
touch "$work/ready"
while sleep 0.2; do
  if [ -f "$work/start-proxy" ]; then
    rm -f "$work/start-proxy"
    start_proxy
    touch "$work/proxy-started"
  fi
done
