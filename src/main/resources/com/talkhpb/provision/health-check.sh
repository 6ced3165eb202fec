#!/usr/bin/env bash
# Checks the HPB on the host the way Talk will use it, and prints one JSON line with what it found.
# Usage: health-check.sh <domain> <trust> <required features> <optional features> <signaling host:port> \
#          <nats port> <turn address> <turn port> [<turns name>] < {"backends":[{"url","secret"}],"turnSecret"}
# (features comma separated). Exit status 0 only when the welcome answers through nginx over TLS with
# every required feature, the signaling server reports Janus connected (with media nodes: every node's
# proxy connected; the report lists each with its load) and holds a connection to NATS,
# a request signed with each backend's current secret is accepted, the host firewall's table is loaded,
# and coturn allocates a relay with
# the current TURN secret, also over TLS on 443 by the TURN name when one is given (health-probe.py;
# the secrets arrive on standard input only). Missing
# optional features are reported as warnings, and so is a certificate with less than 14 days left.
# trust: how the served certificate is checked: self-signed (the installed certificate is its own CA),
# pinned (an ACME server the system does not trust, e.g. Let's Encrypt's staging: the served
# certificate must be the installed one), or system (the system's CAs; acme and provided).
set -euo pipefail
domain=$1 tls_mode=$2 required=$3 optional=$4 signaling=$5 nats_port=$6 turn_address=$7 turn_port=$8 turns_name=${9:-}

installed=/etc/talk-hpb/tls/fullchain.pem
curl_tls=(--resolve "$domain:443:127.0.0.1")
ca=system
case "$tls_mode" in
  self-signed) ca=$installed; curl_tls+=(--cacert "$ca") ;;
  pinned) ca=pinned:$installed; curl_tls+=(--insecure) ;;
esac

fail() {
  echo "talk-hpb: health check failed: $*" >&2
  exit 1
}

welcome=""
headers=$(mktemp)
trap 'rm -f "$headers"' EXIT
for _ in $(seq 1 60); do
  if welcome=$(curl -sS --fail --max-time 5 "${curl_tls[@]}" -D "$headers" \
      "https://$domain/standalone-signaling/api/v1/welcome" 2>/dev/null); then
    break
  fi
  welcome=""
  sleep 2
done
[ -n "$welcome" ] || fail "no welcome from https://$domain/standalone-signaling/ through nginx (is nginx up, is the certificate valid for $domain?)"
if [ "$tls_mode" = pinned ]; then
  served=$(openssl s_client -connect 127.0.0.1:443 -servername "$domain" </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256)
  [ "$served" = "$(openssl x509 -in "$installed" -noout -fingerprint -sha256)" ] \
    || fail "nginx serves another certificate for $domain than $installed (reload nginx: systemctl reload nginx)"
fi
days_left=$(( ($(date -d "$(openssl x509 -in "$installed" -noout -enddate | cut -d= -f2)" +%s) - $(date +%s)) / 86400 ))
if [ "$days_left" -lt 14 ]; then
  echo "talk-hpb: warning: the certificate for $domain expires in $days_left days: certbot.timer renews at 30;" \
    "see journalctl -u certbot and certbot certificates" >&2
fi
version=$(echo "$welcome" | jq -r '.version // empty')
case "$version" in
  ""|0.*|1.*) fail "signaling version '$version' is older than 2.0; Talk refuses it" ;;
esac
echo "talk-hpb: ok: welcome through nginx over TLS, signaling $version" >&2

announced=$(grep -i '^X-Spreed-Signaling-Features:' "$headers" | cut -d: -f2- | tr -d ' \r')
missing=()
for feature in ${required//,/ }; do
  case ",$announced," in *",$feature,"*) ;; *) missing+=("$feature") ;; esac
done
[ ${#missing[@]} -eq 0 ] || fail "features Talk requires are missing: ${missing[*]}"
echo "talk-hpb: ok: every feature Talk requires is announced" >&2
absent=()
for feature in ${optional//,/ }; do
  case ",$announced," in *",$feature,"*) ;; *) absent+=("$feature") ;; esac
done
if [ ${#absent[@]} -gt 0 ]; then
  echo "talk-hpb: warning: optional features Talk can use are missing: ${absent[*]} (a newer signaling version brings them)" >&2
fi

# Its own Janus, or with media nodes (the proxy MCU) every node's proxy: each is listed with its state.
mcu=false
stats='{}'
for _ in $(seq 1 30); do
  stats=$(curl -sS --max-time 5 "http://$signaling/api/v1/stats" 2>/dev/null) || stats='{}'
  if echo "$stats" | jq -e '.mcu.connected == true or ((.mcu.details // []) | length > 0 and all(.connected))' >/dev/null 2>&1; then
    mcu=true
    break
  fi
  sleep 2
done
media_nodes=$(echo "$stats" | jq -c '[.mcu.details // [] | .[] | {url, connected, load, publishers}]' 2>/dev/null || echo '[]')
if [ "$media_nodes" != "[]" ]; then
  $mcu || fail "the signaling server reports media nodes not connected: $(echo "$media_nodes" | jq -r 'map(select(.connected | not) | .url) | join(" ")');" \
    "see: journalctl -u nextcloud-spreed-signaling here, journalctl -u nextcloud-spreed-signaling-proxy -u janus on the node"
  echo "talk-hpb: ok: every media node's proxy connected: $(echo "$media_nodes" | jq -r 'map(.url) | join(" ")')" >&2
else
  $mcu || fail "the signaling server reports Janus (MCU) not connected; see: journalctl -u janus -u nextcloud-spreed-signaling"
  echo "talk-hpb: ok: Janus connected" >&2
fi

if [ -z "$(ss -Htn state established "( dport = :$nats_port )")" ]; then
  fail "the signaling server holds no connection to NATS on port $nats_port; see: journalctl -u nats-server"
fi
echo "talk-hpb: ok: NATS connected" >&2

# The host firewall's table: without it, the cloud firewall (if any) is all that stands in front.
nft list table inet talk_hpb > /dev/null 2>&1 \
  || fail "the host firewall (nftables table inet talk_hpb) is not loaded; see: systemctl status talk-hpb-firewall"
echo "talk-hpb: ok: the host firewall is loaded" >&2

turns=()
if [ -n "$turns_name" ]; then turns=("$turns_name" 127.0.0.1:443 "$ca"); fi
python3 "$(dirname "$0")/health-probe.py" "$signaling" "$turn_address" "$turn_port" "${turns[@]}" || exit 1

jq -cn --arg version "$version" --arg features "$announced" --arg missing "${absent[*]}" --argjson media "$media_nodes" \
  --argjson days "$days_left" \
  '{version: $version, features: ($features | split(",")), missingOptionalFeatures: ($missing | split(" ") | map(select(. != ""))),
    mediaNodes: $media, certificateDaysLeft: $days}'
