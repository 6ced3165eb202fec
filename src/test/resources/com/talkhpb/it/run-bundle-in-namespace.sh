#!/usr/bin/env bash
# Runs a production bundle the way the host would, inside a private mount and network namespace
# (started by the caller with: unshare --mount --net --fork). /etc, /var and /run are overlays, so
# the machine's own files are untouched; the network has only loopback, so nothing leaves the host.
# The bundle is installed by the product's install-bundle.sh (modes, owners), the certificate by
# ensure-certificate.sh, and each daemon runs as its systemd unit's user.
# The host starts as a release before TURN over TLS left it (HTTPS on 443 itself) and is upgraded in
# place, as a later pulumi up does: the new bundle installed, nginx reloaded, not restarted.
# Usage: run-bundle-in-namespace.sh <install.json> <work dir> <domain> <public address> <provision dir> <required features> \
#          <optional features> <health input.json> <health input with a stale backend secret> <… with a stale TURN secret> \
#          <install.json of the same stack without TURN over TLS>
set -euo pipefail
doc=$1 work=$2 domain=$3 address=$4 provision=$5 features=$6 optional=$7 health=$8 stale_backend=$9 stale_turn=${10}
before_turns=${11}

# shellcheck source=hpb-in-namespace.sh
source "$(dirname "$0")/hpb-in-namespace.sh"
hpb_namespace "$address"
hpb_install_and_start "$before_turns" "$domain" "$address" "$provision"

echo "step: upgrade in place to TURN over TLS on 443"
nginx_pid=$(cat /run/nginx.pid)
bash "$provision/install-packages.sh" libnginx-mod-stream
bash "$provision/install-bundle.sh" --no-services < "$doc"
bash "$provision/ensure-certificate.sh" self-signed "$domain,turn.$domain" /etc/talk-hpb/tls/fullchain.pem \
  /etc/talk-hpb/tls/privkey.pem /var/lib/talk-hpb/acme
nginx -t -q
nginx -s reload
for _ in $(seq 1 50); do
  if ss -Hltn "sport = :4443" | grep -q 127.0.0.1; then break; fi
  sleep 0.2
done
if [ "$(cat /run/nginx.pid)" != "$nginx_pid" ]; then echo "FAIL: nginx restarted instead of reloading" >&2; exit 1; fi
echo "ok: nginx reloaded onto the stream layer in front of 443 (same master process)"

echo "step: checks"
headers=$(mktemp)
# Right after a reload the old workers may still take a connection (with the old certificate): retry.
for _ in $(seq 1 50); do
  if body=$(curl -sS --fail --cacert /etc/talk-hpb/tls/fullchain.pem --resolve "$domain:443:$address" \
      -D "$headers" "https://$domain/standalone-signaling/api/v1/welcome" 2>/dev/null); then break; fi
  sleep 0.2
done
echo "$body" | jq -e '."nextcloud-spreed-signaling" == "Welcome"' > /dev/null
echo "ok: welcome over TLS through nginx, version $(echo "$body" | jq -r .version)"
announced=$(grep -i '^X-Spreed-Signaling-Features:' "$headers" | cut -d: -f2- | tr -d ' \r')
for feature in ${features//,/ }; do
  case ",$announced," in *",$feature,"*) ;; *) echo "FAIL: feature $feature missing from $announced" >&2; exit 1 ;; esac
done
echo "ok: features $features announced"

for _ in $(seq 1 60); do
  if curl -sS http://127.0.0.1:8080/api/v1/stats | jq -e '.mcu.connected == true' > /dev/null; then break; fi
  sleep 0.5
done
curl -sS http://127.0.0.1:8080/api/v1/stats | jq -e '.mcu.connected == true' > /dev/null
echo "ok: signaling reports the MCU (Janus) connected"
grep -q "Connection established to nats://127.0.0.1:4222" "$work/logs/signaling.log"
echo "ok: signaling connected to NATS"

for port in 8080 8188 4222; do
  listeners=$(ss -Hltn "sport = :$port" | awk '{print $4}')
  if [ -z "$listeners" ] || echo "$listeners" | grep -vq "^127.0.0.1:$port$"; then
    echo "FAIL: port $port listens on: $listeners" >&2
    exit 1
  fi
done
echo "ok: signaling, Janus and NATS listen on 127.0.0.1 only"

for file in /etc/nextcloud-spreed-signaling/server.conf:_signaling /etc/turnserver.conf:turnserver; do
  path=${file%%:*} group=${file##*:}
  actual=$(stat -c '%a %U %G' "$path")
  if [ "$actual" != "640 root $group" ]; then echo "FAIL: $path is $actual" >&2; exit 1; fi
done
echo "ok: secret files are 0640 root-owned, readable by their daemon's group"
for daemon in nats-server:nats turnserver:turnserver janus:janus nextcloud-spree:_signaling; do
  comm=${daemon%%:*} user=${daemon##*:}
  actual=$(ps -o uid= -C "$comm" | sort -u | tr -d ' ')
  if [ "$actual" != "$(id -u "$user")" ]; then echo "FAIL: $comm runs as uid '$actual', not $user" >&2; exit 1; fi
done
echo "ok: nats-server, coturn, Janus and the signaling server run as their own unprivileged users"

health_check() {
  bash "$provision/health-check.sh" "$domain" self-signed "$features" "$optional" 127.0.0.1:8080 4222 127.0.0.1 3478 \
    "turn.$domain"
}
report=$(health_check < "$health" 2> "$work/health.log")
echo "ok: the provisioning health check passes: $report"
grep -q "ok: TURN over TLS on 127.0.0.1:443 by the name turn.$domain allocates too" "$work/health.log"
echo "ok: the health check allocates over TLS on 443 by the TURN name"
if health_check < "$stale_backend" > /dev/null 2> "$work/stale-backend.log"; then
  echo "FAIL: the health check passed with a backend secret the signaling server does not hold" >&2; exit 1
fi
grep -q "does not run with the current secret" "$work/stale-backend.log"
echo "ok: the health check fails when the signaling server holds another backend secret"
if health_check < "$stale_turn" > /dev/null 2> "$work/stale-turn.log"; then
  echo "FAIL: the health check passed with a TURN secret coturn does not hold" >&2; exit 1
fi
grep -q "coturn refused an allocation with the current TURN secret" "$work/stale-turn.log"
echo "ok: the health check fails when coturn holds another TURN secret"
nft delete table inet talk_hpb
if health_check < "$health" > /dev/null 2> "$work/no-firewall.log"; then
  echo "FAIL: the health check passed without the host firewall" >&2; exit 1
fi
grep -q "the host firewall (nftables table inet talk_hpb) is not loaded" "$work/no-firewall.log"
nft -f /etc/talk-hpb/firewall.nft
echo "ok: the health check fails when the host firewall is not loaded"

# NATS and Janus's API on loopback: the signaling server's user (and root) may connect, any other user not.
for port in 4222 8188; do
  if setpriv --reuid=nobody --regid=nogroup --clear-groups bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null; then
    echo "FAIL: a process as nobody connected to 127.0.0.1:$port" >&2; exit 1
  fi
  setpriv --reuid=_signaling --regid=_signaling --clear-groups bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" \
    || { echo "FAIL: the signaling server's user cannot connect to 127.0.0.1:$port" >&2; exit 1; }
done
echo "ok: NATS and Janus take connections from the signaling server's user only (another user is refused)"

again=$(bash "$provision/install-bundle.sh" --no-services < "$doc")
if echo "$again" | grep -qv "^talk-hpb: unchanged "; then echo "FAIL: second install changed something: $again" >&2; exit 1; fi
echo "ok: installing the same bundle again changes nothing"
echo "all checks passed"
