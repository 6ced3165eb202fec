#!/usr/bin/env bash
# Debian's exporters behind the metrics endpoint (README, Monitoring); each unit is named as its package.
#   install <package>...  installs the missing ones without starting them (Debian's defaults listen on
#                         every address): install-bundle.sh, next, writes talk-hpb's drop-ins and starts them
#   off <package>...      metrics turned off: the installed ones stopped and disabled (the packages stay)
# TALK_HPB_POLICY_RC_D names another policy-rc.d for tests.
set -euo pipefail
mode=$1
shift
installed() { [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = installed ]; }

case "$mode" in
  install)
    missing=()
    for package in "$@"; do
      if ! installed "$package"; then missing+=("$package"); fi
    done
    [ ${#missing[@]} -gt 0 ] || exit 0
    # Debian's policy layer: while it says 101, no package script starts a service.
    policy=${TALK_HPB_POLICY_RC_D:-/usr/sbin/policy-rc.d}
    if [ ! -e "$policy" ]; then
      printf '#!/bin/sh\n# talk-hpb: installing exporters, started once configured\nexit 101\n' > "$policy"
      chmod 0755 "$policy"
      trap 'rm -f "$policy"' EXIT
    fi
    bash "$(dirname "$0")/install-packages.sh" "$(IFS=,; echo "${missing[*]}")"
    ;;
  off)
    for package in "$@"; do
      if installed "$package" && { systemctl is-enabled --quiet "$package.service" || systemctl is-active --quiet "$package.service"; }; then
        systemctl disable --now --quiet "$package.service"
        echo "talk-hpb: metrics are off: stopped and disabled $package"
      fi
    done
    ;;
  *)
    echo "usage: exporters.sh install|off <package>..." >&2
    exit 2
    ;;
esac
