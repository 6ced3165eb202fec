#!/usr/bin/env bash
# Debian's exporters behind the metrics endpoint (README, Monitoring); each unit is named as its package.
#   install <package>...  installs the missing ones with their units masked: Debian's defaults listen on
#                         every address, so none may start before talk-hpb's drop-in (the bundle) is there
#   on <package>...       after the bundle: unmasked, enabled and running
#   off <package>...      metrics turned off: the installed ones stopped and disabled (the packages stay)
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
    if [ ${#missing[@]} -gt 0 ]; then
      for package in "${missing[@]}"; do systemctl mask --quiet "$package.service"; done
      bash "$(dirname "$0")/install-packages.sh" "$(IFS=,; echo "${missing[*]}")"
    fi
    ;;
  on)
    for package in "$@"; do
      systemctl unmask --quiet "$package.service"
      if ! systemctl is-enabled --quiet "$package.service" || ! systemctl is-active --quiet "$package.service"; then
        systemctl enable --now --quiet "$package.service"
        echo "talk-hpb: started $package"
      fi
    done
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
    echo "usage: exporters.sh install|on|off <package>..." >&2
    exit 2
    ;;
esac
