#!/usr/bin/env bash
# Waits until an address is on one of the host's interfaces: a media node's proxy listens on its
# private-network address, which the cloud attaches (and the image configures) after the server boots.
# Usage: wait-for-address.sh <IPv4 address> [<seconds>]
set -euo pipefail
address=$1 seconds=${2:-120}
on_interface() { ip -4 -o addr show | awk '{ print $4 }' | cut -d/ -f1 | grep -qxF -- "$address"; }
for ((waited = 0; waited < seconds; waited += 2)); do
  if on_interface; then
    echo "talk-hpb: the private address $address is up"
    exit 0
  fi
  sleep 2
done
echo "talk-hpb: the private address $address is on no interface after $seconds s; the network is attached, but the" \
  "server did not configure it (see: ip addr; the image's network configuration for the new interface)" >&2
exit 1
