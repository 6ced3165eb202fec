#!/usr/bin/env bash
# certbot's deploy hook for the HPB's certificate: after every issuance and renewal (also the ones
# certbot.timer makes twice a day, long after the last pulumi up), it installs the lineage's files where
# nginx reads them and reloads nginx, which keeps every open connection. ensure-certificate.sh runs it
# too, with RENEWED_LINEAGE set, when certbot had nothing to issue.
# Usage: RENEWED_LINEAGE=/etc/letsencrypt/live/<domain> certificate-deployed.sh <cert path> <key path>
set -euo pipefail
cert=$1 key=$2
lineage=${RENEWED_LINEAGE:?certbot sets RENEWED_LINEAGE for a deploy hook}

# Beside their targets, then renamed: nginx never reads half a file, and the key arrives before the
# certificate that needs it.
temp_key=$(mktemp "$(dirname "$key")/.key.XXXXXX")
temp_cert=$(mktemp "$(dirname "$cert")/.cert.XXXXXX")
trap 'rm -f "$temp_key" "$temp_cert"' EXIT
install -m 0640 "$lineage/privkey.pem" "$temp_key"
install -m 0644 "$lineage/fullchain.pem" "$temp_cert"
mv -f "$temp_key" "$key"
mv -f "$temp_cert" "$cert"
systemctl reload nginx
echo "talk-hpb: installed the certificate of $lineage ($(openssl x509 -in "$cert" -noout -serial), until" \
  "$(openssl x509 -in "$cert" -noout -enddate | cut -d= -f2)) and reloaded nginx"
