#!/usr/bin/env bash
# pulumi destroy on an existing server (cloud existing): takes away what talk-hpb installed and
# configured, and puts back what the server had before (recorded by the prepare-host step).
#   --path P      a file talk-hpb wrote or removed: deleted, then restored if the server had it before (so
#                 is every file the preparation recorded)
#   --service S   a daemon talk-hpb configures: stopped and disabled, or, if the server had its unit before,
#                 restarted on its restored configuration
#   --package K   a package talk-hpb installs: its other services and timers stopped and disabled if
#                 talk-hpb installed it; purged with --purge
#   --held K      a package talk-hpb held at a version: unheld
#   --unit U      a unit of talk-hpb's own (no package): stopped and disabled
#   --keep K      a package whose service keeps running (time sync: installing chrony removed timesyncd)
#   --domain D    the certificate lineage certbot holds for the HPB: deleted
#   --purge       also purge the packages talk-hpb installed (except --keep ones)
# Says what it removed and what it left. Runs as root.
set -euo pipefail
state=${TALK_HPB_STATE_DIR:-/var/lib/talk-hpb}
paths=() services=() packages=() held=() units=() keep=() domain='' purge=false
while [ $# -gt 0 ]; do
  case "$1" in
    --path) paths+=("$2"); shift 2 ;;
    --service) services+=("$2"); shift 2 ;;
    --package) packages+=("$2"); shift 2 ;;
    --held) held+=("$2"); shift 2 ;;
    --unit) units+=("$2"); shift 2 ;;
    --keep) keep+=("$2"); shift 2 ;;
    --domain) domain=$2; shift 2 ;;
    --purge) purge=true; shift ;;
    *) echo "remove-hpb.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
echo "talk-hpb: removing the HPB from this server"
# Every file a preparation ever recorded too: a file an earlier configuration wrote (a setting since
# turned off) goes as well.
if [ -f "$state/before.list" ]; then
  while read -r _ path; do
    known=false
    for given in "${paths[@]}"; do [ "$given" = "$path" ] && known=true; done
    $known || paths+=("$path")
  done < "$state/before.list"
fi

had_before() { [ -f "$state/packages-before" ] && grep -Fxq "$1" "$state/packages-before"; }
had_unit_before() { [ -f "$state/services-before" ] && grep -Fxq "$1" "$state/services-before"; }
kept() { local k; for k in "${keep[@]}"; do [ "$k" = "$1" ] && return 0; done; return 1; }
services_of() { dpkg-query -L "$1" 2>/dev/null | grep -E '^/(usr/)?lib/systemd/system/[^/@]+\.(service|timer)$' | xargs -r -n1 basename || true; }

ours=() restart=() restart_units=()
for package in "${packages[@]}"; do
  if had_before "$package"; then restart+=("$package"); else ours+=("$package"); fi
done
for service in "${services[@]}"; do
  if had_unit_before "$service"; then
    restart_units+=("$service")
  else
    systemctl disable --now "$service" 2>/dev/null || true
    echo "talk-hpb: stopped and disabled $service"
  fi
done

for unit in "${units[@]}"; do
  systemctl disable --now "$unit" 2>/dev/null || true
  echo "talk-hpb: stopped and disabled $unit"
done
nft delete table inet talk_hpb 2>/dev/null || true
for package in "${ours[@]}"; do
  kept "$package" && continue
  for service in $(services_of "$package"); do
    systemctl disable --now "$service" 2>/dev/null || true
    echo "talk-hpb: stopped and disabled $service"
  done
done

for path in "${paths[@]}"; do
  rm -f "$path"
  if [ -f "$state/before.list" ] && grep -Fxq "present $path" "$state/before.list"; then
    cp -a "$state/before$path" "$path"
    echo "talk-hpb: restored $path as it was before"
  else
    echo "talk-hpb: removed $path"
  fi
done
# Drop-in directories talk-hpb's files were alone in.
for path in "${paths[@]}"; do rmdir --ignore-fail-on-non-empty "$(dirname "$path")" 2>/dev/null || true; done

for package in "${held[@]}"; do apt-mark unhold "$package" > /dev/null 2>&1 || true; done
if [ -n "$domain" ] && command -v certbot > /dev/null && [ -d "/etc/letsencrypt/live/$domain" ]; then
  certbot delete --non-interactive --cert-name "$domain" > /dev/null && echo "talk-hpb: deleted the certificate $domain from certbot"
fi
rm -rf /usr/local/lib/talk-hpb /etc/talk-hpb /etc/ssh/talk-hpb
systemctl daemon-reload
if sshd -t; then systemctl reload ssh; fi
for service in "${restart_units[@]}"; do
  if systemctl try-restart "$service" 2>/dev/null; then echo "talk-hpb: $service runs on its configuration from before"; fi
done

if $purge; then
  purge_list=()
  for package in "${ours[@]}"; do kept "$package" || purge_list+=("$package"); done
  if [ ${#purge_list[@]} -gt 0 ]; then
    echo "talk-hpb: purging ${purge_list[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -q -y purge "${purge_list[@]}"
  fi
fi
rm -rf "$state"
echo "talk-hpb: the HPB is removed. Left on the server:"
if ! $purge && [ ${#ours[@]} -gt 0 ]; then
  echo "  - the packages talk-hpb installed, stopped and disabled: ${ours[*]} (purgePackagesOnDestroy: true purges them)"
fi
for package in "${keep[@]}"; do echo "  - $package, running: it keeps the clock in time"; done
if [ ${#restart[@]} -gt 0 ]; then echo "  - the packages the server had before: ${restart[*]}"; fi
if [ ${#restart_units[@]} -gt 0 ]; then echo "  - the daemons the server had before, on their configuration from before: ${restart_units[*]}"; fi
echo "  - the daemons' system users, and kernel settings from /etc/sysctl.d until the next reboot"
