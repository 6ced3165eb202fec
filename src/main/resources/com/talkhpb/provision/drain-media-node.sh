#!/usr/bin/env bash
# Drains a media node before it is deleted: its signaling proxy takes no new publishers (SIGUSR1, the
# proxy's graceful shutdown) and ends by itself once its last call has ended; this waits for that, up to
# the limit, then stops it. Stopping the proxy by hand (systemctl stop nextcloud-spreed-signaling-proxy)
# ends the wait at once. Progress is printed every minute.
# With metrics on, the drain's start goes to the node exporter's textfile directory: a drain cut short
# (pulumi interrupted) leaves a node that takes no new calls, and an alert says so.
# Usage: drain-media-node.sh <node name> <limit in seconds> <proxy.conf> [<textfile directory>]
set -euo pipefail
node=$1 limit=$2 conf=$3 textfiles=${4:-}
poll=${TALK_HPB_DRAIN_POLL_SECONDS:-5}
unit=nextcloud-spreed-signaling-proxy

if ! systemctl is-active --quiet "$unit"; then
  echo "talk-hpb: $node: the signaling proxy is not running; nothing to drain"
  exit 0
fi
listen=$(awk -F' *= *' '/^\[/ { section = $0 } section == "[http]" && $1 == "listen" { print $2 }' "$conf")
echo "talk-hpb: $node: draining: no new publishers; waiting up to $((limit / 60)) minutes for its calls to end" \
  "(to end it now: systemctl stop $unit on the node)"
if [ -n "$textfiles" ] && [ -d "$textfiles" ]; then
  printf '%s\n' "# HELP talkhpb_media_node_draining_since_timestamp_seconds When this media node's proxy began to drain." \
    "# TYPE talkhpb_media_node_draining_since_timestamp_seconds gauge" \
    "talkhpb_media_node_draining_since_timestamp_seconds $(date +%s)" > "$textfiles/.talk-hpb-drain.prom"
  mv -f "$textfiles/.talk-hpb-drain.prom" "$textfiles/talk-hpb-drain.prom"
fi
systemctl kill --kill-whom=main --signal=SIGUSR1 "$unit"
for ((waited = 0; waited < limit; waited += poll)); do
  if ! systemctl is-active --quiet "$unit"; then
    echo "talk-hpb: $node: drained after $waited s: its last call ended"
    exit 0
  fi
  if ((waited % 60 == 0)); then
    echo "talk-hpb: $node: still in calls: $(curl -s --max-time 5 "http://$listen/stats" \
      | jq -c '{sessions, publishers: .mcu.publishers, clients: .mcu.clients}' 2>/dev/null || echo unknown)"
  fi
  sleep "$poll"
done
if systemctl is-active --quiet "$unit"; then
  echo "talk-hpb: $node: calls still going after $limit s; stopping the proxy (they end now)"
  systemctl stop "$unit"
else
  echo "talk-hpb: $node: drained after $limit s: its last call ended"
fi
