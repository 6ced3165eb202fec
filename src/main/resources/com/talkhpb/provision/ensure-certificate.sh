#!/usr/bin/env bash
# Makes sure nginx has a certificate for the HPB's names at the paths the nginx site names.
# Usage: ensure-certificate.sh <self-signed|stand-in|provided|names-resolve> <names> <cert path> <key path> <acme webroot>
#        ensure-certificate.sh acme <names> <cert path> <key path> <acme webroot> <email> <directory URL> [<CA file>]
#   names:       comma-separated, the HPB's domain first (then the TURN name when TURN is served over TLS)
#   self-signed: a certificate made here (kept until it is within 30 days of expiry or misses a name)
#   stand-in:    a self-signed certificate only when there is none yet, so nginx can start before ACME
#   acme:        a self-signed stand-in first (nginx needs one to start), then the ACME server's (Let's
#                Encrypt's, or the directory URL given; the CA file verifies a private server's HTTPS) over
#                the webroot: one lineage named after the domain, whatever names it holds over time,
#                renewed by certbot.timer, whose deploy hook (certificate-deployed.sh) installs each new
#                certificate and reloads nginx. When the server issues nothing, the certificate in place
#                stays and the step fails saying why and what to do.
#   provided:    the bundle already installed certificate and key; only checked here
#   names-resolve: before anything is installed for ACME, every other name must resolve to the
#                domain's addresses (Let's Encrypt reaches each name here over HTTP)
set -euo pipefail
mode=$1 names=$2 cert=$3 key=$4 webroot=$5 email=${6:-} directory=${7:-} ca=${8:-}
IFS=, read -r -a all_names <<< "$names"
domain=${all_names[0]}

# Why the certificate at $cert cannot serve every name, or nothing when it can: present with its key,
# valid for 30 days more, naming each name (openssl's own host check: wildcards, no suffix tricks),
# and made for the private key at $key (same public key).
unfit() {
  if ! [ -s "$cert" ] || ! [ -s "$key" ]; then echo "certificate or key missing"; return; fi
  if ! openssl x509 -in "$cert" -noout -checkend $((30 * 86400)) >/dev/null 2>&1; then
    echo "expires within 30 days (or is not a certificate)"; return
  fi
  local name
  for name in "${all_names[@]}"; do
    if ! openssl x509 -in "$cert" -noout -checkhost "$name" 2>/dev/null | grep -q "does match certificate"; then
      echo "does not name $name"; return
    fi
  done
  if [ "$(openssl x509 -in "$cert" -noout -pubkey 2>/dev/null)" != "$(openssl pkey -in "$key" -pubout 2>/dev/null)" ]; then
    echo "was not made for the private key beside it"
  fi
}

# The addresses a name resolves to, sorted on one line; nothing when it does not resolve.
addresses() {
  { getent ahosts "$1" || true; } | awk '{print $1}' | sort -u | paste -sd ' ' -
}

valid_for_domain() {
  [ -z "$(unfit)" ]
}

self_sign() {
  mkdir -p "$(dirname "$cert")" "$(dirname "$key")"
  local temp_key temp_cert
  temp_key=$(mktemp "$(dirname "$key")/.key.XXXXXX")
  temp_cert=$(mktemp "$(dirname "$cert")/.cert.XXXXXX")
  local san="" name
  for name in "${all_names[@]}"; do san+="${san:+,}DNS:$name"; done
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 \
    -subj "/CN=$domain" -addext "subjectAltName=$san" \
    -keyout "$temp_key" -out "$temp_cert" 2>/dev/null
  chmod 0640 "$temp_key"
  chmod 0644 "$temp_cert"
  mv -f "$temp_key" "$key"
  mv -f "$temp_cert" "$cert"
  echo "talk-hpb: made a self-signed certificate for ${names//,/ and }"
}

case "$mode" in
  self-signed)
    if valid_for_domain; then echo "talk-hpb: certificate for ${names//,/ and } is current"; else self_sign; fi
    ;;
  stand-in)
    if [ -s "$cert" ] && [ -s "$key" ]; then echo "talk-hpb: a certificate is in place"; else self_sign; fi
    ;;
  acme)
    if ! [ -s "$cert" ]; then self_sign; fi
    mkdir -p "$webroot"
    domains=()
    for name in "${all_names[@]}"; do domains+=(-d "$name"); done
    hook=$(printf '%q %q %q' "$(dirname "$0")/certificate-deployed.sh" "$cert" "$key")
    environment=()
    if [ -n "$ca" ]; then environment=(REQUESTS_CA_BUNDLE="$ca"); fi
    log=$(mktemp)
    trap 'rm -f "$log"' EXIT
    # --cert-name keeps one lineage, named after the domain, whatever names it holds over time.
    if ! env "${environment[@]}" certbot certonly --webroot -w "$webroot" --cert-name "$domain" "${domains[@]}" \
        --email="$email" --server "$directory" --agree-tos --non-interactive --keep-until-expiring \
        --deploy-hook "$hook" > "$log" 2>&1; then
      cat "$log" >&2
      details=$(grep -E '^ *(Detail|Type|Domain):|Error|error:' "$log" | sed 's/^ */  /' | head -n 12 || true)
      in_place="none"
      if [ -s "$cert" ]; then
        in_place="issued by $(openssl x509 -in "$cert" -noout -issuer | sed 's/^issuer= *//'), valid until $(openssl x509 -in "$cert" -noout -enddate | cut -d= -f2)"
      fi
      echo "talk-hpb: the ACME server at $directory issued no certificate for ${names//,/ and }." >&2
      if [ -n "$details" ]; then echo "$details" >&2; fi
      echo "talk-hpb: check that each name resolves to this server's public address (DNS), that port 80 is" \
        "reachable from the Internet (talk-hpb's firewalls admit it; a firewall in front must too), and that" \
        "the ACME server answers at $directory (talk-hpb:acmeServer). Nothing else changed: the certificate in" \
        "place stays ($in_place); run pulumi up again once fixed." >&2
      exit 1
    fi
    grep -E 'Successfully received|Certificate not yet due|Renewing|no action taken' "$log" | sed 's/^/certbot: /' || true
    # certbot runs the deploy hook only when it issues; install the current lineage in any case.
    RENEWED_LINEAGE="/etc/letsencrypt/live/$domain" "$(dirname "$0")/certificate-deployed.sh" "$cert" "$key"
    echo "talk-hpb: ACME certificate for ${names//,/ and } in place ($(openssl x509 -in "$cert" -noout -issuer | sed 's/^issuer=//'))"
    ;;
  provided)
    problem=$(unfit)
    if [ -n "$problem" ]; then
      echo "talk-hpb: the provided certificate (talk-hpb:tlsCertificate) $problem; set talk-hpb:tlsCertificate and talk-hpb:tlsPrivateKey to a matching pair for ${names//,/ and } (or set talk-hpb:turnsName off)" >&2
      exit 1
    fi
    echo "talk-hpb: provided certificate for ${names//,/ and } is current"
    ;;
  names-resolve)
    expected=$(addresses "$domain")
    for name in "${all_names[@]:1}"; do
      found=$(addresses "$name")
      if [ -z "$found" ] || [ "$found" != "$expected" ]; then
        echo "talk-hpb: $name resolves to ${found:-nothing}, not to ${expected:-nothing} like $domain: Let's Encrypt could not reach it." \
          "Create its DNS records (A/AAAA as for $domain; talk-hpb manages them when talk-hpb:dnsZone is set) and run again," \
          "or set talk-hpb:turnsName off. Nothing was changed." >&2
        exit 1
      fi
    done
    echo "talk-hpb: ${names//,/ and } resolve to $expected"
    ;;
  *)
    echo "talk-hpb: unknown TLS mode $mode" >&2
    exit 1
    ;;
esac
