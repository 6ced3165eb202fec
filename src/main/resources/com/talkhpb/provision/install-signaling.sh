#!/usr/bin/env bash
# Puts the signaling packages at exactly the wanted version and holds them there, so that no apt run
# (by hand or unattended) moves them. An upgrade or downgrade happens here, in place, on the running
# host; the unit is then left to install-bundle.sh to restart (through the pending restarts).
# Usage: install-signaling.sh <version|keep> <package> [<package>…]
#   keep: the version installed now (cloud-init installed the newest at first boot)
set -euo pipefail
wanted=$1
shift
packages=("$@")
main=${packages[0]}
state=${TALK_HPB_STATE_DIR:-/var/lib/talk-hpb}

installed=$(dpkg-query -W -f='${Version}' "$main" 2>/dev/null || true)
if [ "$wanted" = keep ]; then
  if [ -z "$installed" ]; then
    echo "talk-hpb: $main is not installed, though the first step (cloud-init, or prepare-host on an existing server) should have installed it; see its output, or /var/log/cloud-init-output.log" >&2
    exit 1
  fi
  wanted=$installed
fi

if [ "$installed" != "$wanted" ]; then
  offered() { apt-cache madison "$main" | awk -F' [|] ' '{print $2}' | tr -d ' '; }
  if ! offered | grep -qxF -- "$wanted"; then
    apt-get update -qq
  fi
  if ! offered | grep -qxF -- "$wanted"; then
    echo "talk-hpb: signalingVersion $wanted is not offered by this host's package sources;" \
      "they offer: $(offered | paste -sd ' ' -)." \
      "Set talk-hpb:signalingVersion to one of them, or remove it to keep the installed ${installed:-none}." >&2
    exit 1
  fi
  exact=()
  for package in "${packages[@]}"; do exact+=("$package=$wanted"); done
  echo "talk-hpb: signaling ${installed:-none} -> $wanted"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends --allow-change-held-packages \
    --allow-downgrades -o Dpkg::Options::=--force-confold "${exact[@]}"
  install -d -m 0700 "$state"
  echo "$main restart" >> "$state/pending-restarts"
fi

apt-mark hold "${packages[@]}" > /dev/null
echo "talk-hpb: signaling $wanted installed and held ($(apt-mark showhold | paste -sd ' ' -))"
