# shellcheck shell=bash
# Functions for the prepare-host step on an existing server (cloud existing), sourced by the text
# ProvisioningScripts.prepareExistingServer() renders: it does what cloud-init's user-data does on a VM
# talk-hpb creates, and first records what the server had, so that pulumi destroy can put it back.
# Runs as root under "set -euo pipefail"; needs only bash and coreutils until the packages are in.
state=${TALK_HPB_STATE_DIR:-/var/lib/talk-hpb}
before=$state/before
before_list=$state/before.list
packages_before=$state/packages-before
services_before=$state/services-before

# require_debian_12: stops, changing nothing, on any other system.
require_debian_12() {
  local id='' version='' pretty=''
  if [ -r /etc/os-release ]; then
    # shellcheck source=/dev/null
    id=$(. /etc/os-release && echo "${ID:-}")
    # shellcheck source=/dev/null
    version=$(. /etc/os-release && echo "${VERSION_ID:-}")
    # shellcheck source=/dev/null
    pretty=$(. /etc/os-release && echo "${PRETTY_NAME:-}")
  fi
  if [ "$id" != debian ] || [ "$version" != 12 ]; then
    echo "talk-hpb: this server runs ${pretty:-a system without /etc/os-release}; talk-hpb needs Debian 12 (bookworm)," \
      "whose packages and pins it installs. Nothing was changed." >&2
    exit 1
  fi
  echo "talk-hpb: the server runs $pretty"
}

# require_ports_free <tcp port>...: each port is free or already served by the daemon talk-hpb puts there.
require_ports_free() {
  local port owners taken=false
  for port in "$@"; do
    owners=$( (ss -Hltnp "sport = :$port" 2>/dev/null || true) | { grep -o 'users:(("[^"]*"' || true; } | sed 's/users:(("//; s/"$//' | sort -u | tr '\n' ' ')
    for owner in $owners; do
      case "$owner" in nginx|turnserver) ;; *)
        echo "talk-hpb: TCP port $port is taken by $owner; the HPB needs it (a server of its own)." >&2
        taken=true ;;
      esac
    done
  done
  if $taken; then
    echo "talk-hpb: stop and disable what holds those ports, or use another server. Nothing was changed." >&2
    exit 1
  fi
}

# remember_packages_before <package>...: once, which of them the server had before talk-hpb.
remember_packages_before() {
  install -d -m 0700 "$state"
  [ -f "$packages_before" ] && return 0
  local package temp
  temp=$(mktemp "$state/.packages.XXXXXX")
  for package in "$@"; do
    if [ "$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null)" = installed ]; then echo "$package"; fi
  done > "$temp"
  mv -f "$temp" "$packages_before"
  echo "talk-hpb: packages the server had before: $(tr '\n' ' ' < "$packages_before")"
}

# remember_services_before <unit>...: once, which of the daemons' units the server had before talk-hpb
# (a unit's package may not be the one talk-hpb names: nginx.service belongs to nginx-common).
remember_services_before() {
  install -d -m 0700 "$state"
  [ -f "$services_before" ] && return 0
  local unit temp
  temp=$(mktemp "$state/.services.XXXXXX")
  for unit in "$@"; do
    if [ -e "/lib/systemd/system/$unit.service" ] || [ -e "/etc/systemd/system/$unit.service" ]; then echo "$unit"; fi
  done > "$temp"
  mv -f "$temp" "$services_before"
}

# remember_files_before <path>...: each path as it is now (or that it is absent), unless already recorded.
remember_files_before() {
  install -d -m 0700 "$state" "$before"
  touch "$before_list"
  local path
  for path in "$@"; do
    if grep -Fxq -e "present $path" -e "absent $path" "$before_list"; then continue; fi
    if [ -e "$path" ] || [ -L "$path" ]; then
      mkdir -p "$before$(dirname "$path")"
      cp -a "$path" "$before$path"
      echo "present $path" >> "$before_list"
    else
      echo "absent $path" >> "$before_list"
    fi
  done
}

# put_file <path> <mode> <base64 content>
put_file() {
  install -d -m 0755 "$(dirname "$1")"
  printf '%s' "$3" | base64 -d > "$1.talk-hpb-new"
  chmod "$2" "$1.talk-hpb-new"
  mv -f "$1.talk-hpb-new" "$1"
  echo "talk-hpb: wrote $1"
}

# install_packages <package>...: as cloud-init installs them (a changed conffile of the admin's is kept).
install_packages() {
  export DEBIAN_FRONTEND=noninteractive
  echo "talk-hpb: apt-get update"
  apt-get -o DPkg::Lock::Timeout=600 -q update
  echo "talk-hpb: installing $*"
  apt-get -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confold -q -y install "$@"
}
