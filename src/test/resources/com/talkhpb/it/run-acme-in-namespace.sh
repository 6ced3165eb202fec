#!/usr/bin/env bash
# The ACME path for real: Debian's pebble (an RFC 8555 ACME server) on loopback issues the HPB's
# certificate over http-01 through the rendered nginx, driven by the product's ensure-certificate.sh
# and its deploy hook, with certbot as on the host. Runs inside private mount, network and PID
# namespaces (see hpb-in-namespace.sh); the HPB's names resolve to its stand-in public address through
# /etc/hosts, which pebble's validation reads too.
# Usage: run-acme-in-namespace.sh <install.json> <work dir> <domain> <turns name> <public address> <provision dir>
#          <pebble cert> <pebble key> <ACME CA file as installed by the bundle> <internal secret file> <backend URL>
#          <health input.json> <required features> <optional features>
set -euo pipefail
doc=$1 work=$2 domain=$3 turns=$4 address=$5 provision=$6 pebble_cert=$7 pebble_key=$8 ca=$9 internal_secret=${10} backend=${11}
health=${12} features=${13} optional=${14}
directory=https://127.0.0.1:14000/dir
cert=/etc/talk-hpb/tls/fullchain.pem key=/etc/talk-hpb/tls/privkey.pem webroot=/var/lib/talk-hpb/acme

# shellcheck source=hpb-in-namespace.sh
source "$(dirname "$0")/hpb-in-namespace.sh"
hpb_namespace "$address"
echo "$address $domain $turns www.$domain" >> /etc/hosts

# systemctl as the deploy hook calls it, for a host without systemd: "reload nginx" is nginx -s reload.
mkdir -p "$work/bin"
cat > "$work/bin/systemctl" <<'EOF'
#!/bin/bash
if [ "$*" = "reload nginx" ]; then exec nginx -s reload; fi
echo "stand-in systemctl: $*" >&2
exit 1
EOF
chmod 0755 "$work/bin/systemctl"
export PATH="$work/bin:$PATH"

start_pebble() {
  cat > "$work/pebble.json" <<EOF
{"pebble": {"listenAddress": "127.0.0.1:14000", "managementListenAddress": "127.0.0.1:15000",
  "certificate": "$pebble_cert", "privateKey": "$pebble_key", "httpPort": 80, "tlsPort": 5001,
  "ocspResponderURL": "", "externalAccountBindingRequired": false}}
EOF
  PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0 PEBBLE_AUTHZREUSE=0 start pebble pebble -config "$work/pebble.json"
  pebble_pid=${pids[-1]}
  wait_port 127.0.0.1 14000
}

served() { # name: the serial of the certificate nginx serves for that name on 443
  openssl s_client -connect "$address:443" -servername "$1" </dev/null 2>/dev/null | openssl x509 -noout -serial | cut -d= -f2
}

served_names() { # name: the DNS names of the certificate served for that name
  openssl s_client -connect "$address:443" -servername "$1" </dev/null 2>/dev/null \
    | openssl x509 -noout -ext subjectAltName | tail -n +2 | tr -d ' ' | tr ',' '\n' | sed 's/^DNS://' | sort | paste -sd, -
}

acme() { # names [more arguments]: ensure-certificate.sh acme as configure runs it
  local names=$1
  bash "$provision/ensure-certificate.sh" acme "$names" "$cert" "$key" "$webroot" admin@example.com "$directory" "$ca"
}

# acme_fails <what> <names> <what its message must hold>: an acme run that must fail, with the ACME
# server's reason (what) and the fix, and keep the certificate in place ($renewed, its serial).
acme_fails() {
  local what=$1 names=$2 reason=$3 output status
  set +e
  output=$(acme "$names" 2>&1); status=$?
  set -e
  [ $status -ne 0 ] || { echo "FAIL: $what: a certificate was issued" >&2; exit 1; }
  grep -q "issued no certificate" <<< "$output" || { echo "FAIL: $what: no clear message: $output" >&2; exit 1; }
  grep -q "the certificate in place stays" <<< "$output" || { echo "FAIL: $what: the message does not say the certificate stays" >&2; exit 1; }
  grep -q -- "$reason" <<< "$output" || { echo "FAIL: $what: the message does not say '$reason': $output" >&2; exit 1; }
  [ "$(served "$domain")" = "$renewed" ] || { echo "FAIL: $what: the served certificate changed" >&2; exit 1; }
  echo "what the admin reads:"
  grep -E '^(talk-hpb:|  )' <<< "$output" | sed 's/^/  | /'
}

start_pebble
hpb_install_and_start "$doc" "$domain,$turns" "$address" "$provision"
stand_in=$(served "$domain")

echo "step: first issuance for the domain and the TURN name"
start=$(date +%s.%N)
acme "$domain,$turns"
echo "took: first issuance $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
first=$(served "$domain")
[ "$first" != "$stand_in" ] || { echo "FAIL: nginx still serves the stand-in" >&2; exit 1; }
openssl s_client -connect "$address:443" -servername "$domain" </dev/null 2>/dev/null | openssl x509 -noout -issuer | grep -q Pebble
[ "$(served_names "$domain")" = "$(printf '%s\n' "$domain" "$turns" | sort | paste -sd, -)" ]
[ "$(served "$turns")" = "$first" ]
echo "ok: pebble issued one certificate for $domain and $turns over http-01; nginx serves it for both names"
report=$(bash "$provision/health-check.sh" "$domain" pinned "$features" "$optional" 127.0.0.1:8080 4222 "$address" 3478 "$turns" \
  < "$health" 2> "$work/logs/health.log") || { cat "$work/logs/health.log" >&2; exit 1; }
echo "$report" | jq -e '.certificateDaysLeft > 1000' > /dev/null
echo "ok: the health check passes with the certificate pinned (an ACME server the system does not trust):" \
  "$(echo "$report" | jq -r .certificateDaysLeft) days left"

echo "step: a second run issues nothing"
output=$(acme "$domain,$turns" 2>&1)
grep -q "Certificate not yet due for renewal" <<< "$output" || { echo "FAIL: $output" >&2; exit 1; }
[ "$(served "$domain")" = "$first" ]
echo "ok: a second run issues nothing and the certificate stays"

echo "step: the TURN name removed, then added again: one lineage"
acme "$domain"
[ "$(served_names "$domain")" = "$domain" ] || { echo "FAIL: names $(served_names "$domain")" >&2; exit 1; }
acme "$domain,$turns"
[ "$(served_names "$domain")" = "$(printf '%s\n' "$domain" "$turns" | sort | paste -sd, -)" ]
lineages=$(find /etc/letsencrypt/renewal -name '*.conf' -printf '%f\n' | sort | paste -sd, -)
[ "$lineages" = "$domain.conf" ] || { echo "FAIL: lineages $lineages" >&2; exit 1; }
echo "ok: removing and adding the TURN name keeps one lineage ($lineages) with the names asked for"

echo "step: a renewal as certbot.timer makes it, while a WebSocket is open"
/usr/bin/python3 - "$domain" "$address" "$internal_secret" "$backend" "$work/renewed" > "$work/logs/websocket.log" 2>&1 <<'EOF' &
# A signaling session through nginx, as a participant holds one through a call: an internal client's hello.
import asyncio, hashlib, hmac, json, os, secrets, ssl, sys, websockets
domain, address, secret_file, backend, renewed = sys.argv[1:]
async def main():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    async with websockets.connect("wss://%s/standalone-signaling/spreed" % domain, ssl=context,
                                  host=address, port=443, server_hostname=domain) as ws:
        await ws.recv()
        random = secrets.token_hex(32)
        token = hmac.new(open(secret_file).read().strip().encode(), random.encode(), hashlib.sha256).hexdigest()
        await ws.send(json.dumps({"id": "1", "type": "hello", "hello": {"version": "1.0", "auth": {"type": "internal",
                                  "params": {"random": random, "token": token, "backend": backend}}}}))
        hello = json.loads(await ws.recv())
        print("connected: session", hello["hello"]["sessionid"][:12], flush=True)
        while not os.path.exists(renewed):
            await asyncio.sleep(0.2)
        await asyncio.wait_for(await ws.ping(), 5)
        print("still connected after the renewal", flush=True)
asyncio.run(main())
EOF
ws_pid=$!
pids+=("$ws_pid")
for _ in $(seq 1 50); do grep -q connected: "$work/logs/websocket.log" && break; sleep 0.2; done
grep -q connected: "$work/logs/websocket.log" || { echo "FAIL: no WebSocket through nginx" >&2; exit 1; }
master=$(cat /run/nginx.pid)
before=$(served "$domain")
# What certbot.timer runs (certbot -q renew), forced: the certificate is far from its renewal date.
REQUESTS_CA_BUNDLE=$ca certbot renew --force-renewal --no-random-sleep-on-renew > "$work/logs/renew.log" 2>&1
grep -q "installed the certificate of /etc/letsencrypt/live/$domain" "$work/logs/renew.log" \
  || { echo "FAIL: the deploy hook did not run" >&2; cat "$work/logs/renew.log" >&2; exit 1; }
for _ in $(seq 1 50); do [ "$(served "$domain")" != "$before" ] && break; sleep 0.2; done
renewed=$(served "$domain")
[ "$renewed" != "$before" ] || { echo "FAIL: nginx still serves serial $before" >&2; exit 1; }
[ "$(cat /run/nginx.pid)" = "$master" ] || { echo "FAIL: nginx restarted" >&2; exit 1; }
touch "$work/renewed"
wait "$ws_pid" || { echo "FAIL: the WebSocket did not survive the renewal" >&2; cat "$work/logs/websocket.log" >&2; exit 1; }
grep -q "still connected after the renewal" "$work/logs/websocket.log"
echo "ok: a forced renewal ran the deploy hook: nginx reloaded (same master) and serves serial $renewed (was $before);" \
  "the open WebSocket stayed connected"

echo "step: a name that does not resolve"
acme_fails "a name that does not resolve" "$domain,nowhere.$domain" "lookup nowhere.$domain"
echo "ok: a name that does not resolve fails naming DNS and the fix; the certificate in place stays"

echo "step: port 80 unreachable"
nft insert rule inet talk_hpb input tcp dport 80 reject with tcp reset
acme_fails "port 80 unreachable" "$domain,$turns,www.$domain" "$address:80: connect: connection refused"
nft -f /etc/talk-hpb/firewall.nft
echo "ok: port 80 unreachable fails naming it and the fix; the certificate in place stays"

echo "step: the ACME server does not answer"
kill "$pebble_pid"
acme_fails "no ACME server" "$domain,$turns,www.$domain" "$directory"
echo "ok: an ACME server that does not answer fails naming it; the certificate in place stays"

echo "all checks passed"
