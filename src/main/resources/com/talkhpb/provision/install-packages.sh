#!/usr/bin/env bash
# Installs the Debian 12 packages that are missing from the given list; does nothing when all are there
# (the usual run). These are packages talk-hpb added after servers were first deployed: user-data
# installs the others, and changing it would replace the server.
# Usage: install-packages.sh <package>[,<package>…]
set -euo pipefail
IFS=, read -r -a packages <<< "$1"
missing=()
for package in "${packages[@]}"; do
  if [ "$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)" != installed ]; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "talk-hpb: installing ${missing[*]}"
# unattended-upgrades may hold the dpkg lock for a while: wait for it rather than fail.
if ! apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 --dry-run "${missing[@]}" > /dev/null 2>&1; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 \
  -o Dpkg::Options::=--force-confold "${missing[@]}"
