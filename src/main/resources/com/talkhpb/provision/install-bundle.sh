#!/usr/bin/env bash
# Installs a talk-hpb bundle on the host, all or nothing. Reads the bundle as JSON on standard input:
#   {"format":1,"domain":…,"files":[{path,mode,owner,group,service,action,secret,content,reloadableKey?}],"services":[…],
#    "remove":[{path,service,action}],   (files that must not exist, e.g. Debian's default nginx site)
#    "users":[…]}                       (system users to create first: the files' owners and the daemons')
# 1. Each file is staged beside its target; unchanged files are left alone. A file whose only change is
#    its reloadableKey (an INI "section.key", e.g. the signaling server's media proxy list) reloads its unit;
#    one whose action is "none" (a systemd drop-in that needs no restart) only makes systemd read it again.
# 2. Before anything moves, the units whose files change are added to $state/pending-restarts; they
#    leave it only once they run again, so a run that dies half way is finished by the next one.
# 3. The changed files move into place and the daemons' own checkers read them (nginx -t, sshd -t, nft -c,
#    nats-server -t); a refused file puts the last good files back and fails the step.
# 4. The pending units restart (or reload) in the bundle's order and must stay up; if one does not,
#    the last good files go back, those units restart on them, and the step fails with the unit's log.
# 5. On success the installed files become the last good ones ($state/last-good, root only).
# Secret contents are never printed.
# Usage: install-bundle.sh [--no-services] < bundle.json
#   --no-services: install the files only (no checkers, no units, no state), for tests without systemd.
set -euo pipefail
umask 077

manage_services=true
if [ "${1:-}" = "--no-services" ]; then
  manage_services=false
fi
state=${TALK_HPB_STATE_DIR:-/var/lib/talk-hpb}
pending=$state/pending-restarts
last_good=$state/last-good
# Seconds a restarted unit must stay up before it counts as running (Type=simple units fail late).
settle=${TALK_HPB_SETTLE_SECONDS:-2}

bundle=$(mktemp)
staged=()
files=''
cleanup() {
  rm -f "$bundle" ${files:+"$files"}
  for temp in "${staged[@]}"; do rm -f "$temp"; done
}
trap cleanup EXIT
cat > "$bundle"

if [ "$(jq -r '.format' "$bundle")" != "1" ]; then
  echo "talk-hpb: install-bundle: unsupported bundle format" >&2
  exit 1
fi

# The daemons' own system users (Debian's janus package runs Janus as root and creates none).
for user in $(jq -r '.users // [] | .[]' "$bundle"); do
  if ! getent passwd "$user" > /dev/null; then
    adduser --system --group --no-create-home --home /nonexistent --quiet "$user"
    echo "talk-hpb: created the system user $user"
  fi
done

declare -A action_of=()      # unit -> restart|reload, for every unit that must act
declare -A target_of=()      # staged temp file -> its install path
changed_paths=()
systemd_changed=false
# Every file's fields in one pass of jq, one line each, separated by the ASCII unit separator (a
# non-blank separator: empty fields stay); the content base64-encoded. A jq per field took most of a
# configure's time on a slow host (hundreds of starts).
sep=$'\x1f'
files=$(mktemp)
jq -r '.files[] | [.path, .mode, .owner, .group, .service, .action, (.reloadableKey // ""), (.content | @base64)] | join("\u001f")' \
  "$bundle" > "$files"
paths=()

keep_copy() { # path directory: a copy of path, with its mode and owner, at directory/path
  mkdir -p "$2$(dirname "$1")"
  cp -a "$1" "$2$1"
}

without_key() { # file section.key: the INI file without that key's line in that section
  awk -v section="[${2%%.*}]" -v key="${2#*.} = " '/^\[/ { inside = ($0 == section) } !(inside && index($0, key) == 1)' "$1"
}

want() { # unit action: restart wins over reload
  if [ "${action_of[$1]:-}" != restart ]; then action_of[$1]=$2; fi
}

while IFS=$sep read -r path mode owner group service action reloadable content; do
  paths+=("$path")
  dir=$(dirname "$path")
  # A new directory is readable by the daemons (umask 077 is for the files, whose modes the bundle sets).
  (umask 022 && mkdir -p "$dir")
  temp=$(mktemp "$dir/.talk-hpb.XXXXXX")
  staged+=("$temp")
  printf '%s' "$content" | base64 -d > "$temp"
  chown "$owner:$group" "$temp"
  chmod "$mode" "$temp"

  if [ -f "$path" ] && cmp -s "$temp" "$path" \
      && [ "$(stat -c '%a %U %G' "$path")" = "$(stat -c '%a %U %G' "$temp")" ]; then
    echo "talk-hpb: unchanged $path"
    continue
  fi
  if [ -n "$reloadable" ] && [ -f "$path" ] \
      && cmp -s <(without_key "$path" "$reloadable") <(without_key "$temp" "$reloadable"); then
    action=reload
    echo "talk-hpb: only $reloadable changed in $path"
  fi
  target_of[$temp]=$path
  changed_paths+=("$path")
  echo "talk-hpb: changing $path ($mode $owner:$group; $action $service)"
  case "$path" in /etc/systemd/system/*) systemd_changed=true ;; esac
  # none: a unit setting systemd takes up on daemon-reload alone (a restart policy), no restart.
  if [ "$action" != none ]; then want "$service" "$action"; fi
done < "$files"

obsolete=()
while IFS=$sep read -r path service action; do
  if [ -L "$path" ] || [ -e "$path" ]; then
    obsolete+=("$path")
    want "$service" "$action"
  fi
done < <(jq -r '.remove // [] | .[] | [.path, .service, .action] | join("\u001f")' "$bundle")

if ! $manage_services; then
  for temp in "${!target_of[@]}"; do mv -f "$temp" "${target_of[$temp]}"; done
  for path in "${obsolete[@]}"; do rm -f "$path"; done
  for service in $(jq -r '.services[]' "$bundle"); do
    if [ -n "${action_of[$service]:-}" ]; then echo "talk-hpb: would ${action_of[$service]} $service"; fi
  done
  exit 0
fi

install -d -m 0700 "$state" "$last_good"
# What an earlier run changed but did not get running.
if [ -f "$pending" ]; then
  while read -r service action; do
    [ -n "$service" ] || continue
    echo "talk-hpb: an earlier run left $service to $action"
    want "$service" "$action"
  done < "$pending"
fi

write_pending() {
  local temp
  temp=$(mktemp "$state/.pending.XXXXXX")
  for service in "${!action_of[@]}"; do echo "$service ${action_of[$service]}"; done > "$temp"
  sync "$temp"
  mv -f "$temp" "$pending"
  sync "$state"
}
write_pending

# The files as they were, for a rollback when there is no last good copy yet (the first install).
before=$(mktemp -d "$state/.before.XXXXXX")
trap 'cleanup; rm -rf "$before"' EXIT
for path in "${changed_paths[@]}"; do
  if [ -e "$path" ]; then keep_copy "$path" "$before"; fi
done

for temp in "${!target_of[@]}"; do
  mv -f "$temp" "${target_of[$temp]}"
  echo "talk-hpb: installed ${target_of[$temp]}"
done
for path in "${obsolete[@]}"; do
  rm -f "$path"
  echo "talk-hpb: removed $path"
done

# Puts back, for every path this run changed, the last good copy (else what was there before).
roll_back() {
  for path in "${changed_paths[@]}"; do
    if [ -e "$last_good$path" ]; then
      cp -a "$last_good$path" "$path"
    elif [ -e "$before$path" ]; then
      cp -a "$before$path" "$path"
    else
      rm -f "$path"
    fi
  done
  if $systemd_changed; then systemctl daemon-reload; fi
  echo "talk-hpb: put the last good configuration back" >&2
}

checker_of() {
  case "$1" in
    nginx) echo "nginx -t -q" ;;
    ssh) echo "sshd -t" ;;
    nats-server) echo "nats-server -t -c $(jq -r '.files[] | select(.service == "nats-server") | .path' "$bundle" | head -n 1)" ;;
    talk-hpb-firewall) echo "nft -c -f $(jq -r '.files[] | select(.service == "talk-hpb-firewall") | .path | select(endswith(".nft"))' "$bundle")" ;;
  esac
}

for service in "${!action_of[@]}"; do
  checker=$(checker_of "$service")
  [ -n "$checker" ] || continue
  if ! output=$($checker 2>&1); then
    echo "talk-hpb: $service refuses the new configuration ($checker):" >&2
    echo "$output" >&2
    roll_back
    exit 1
  fi
  echo "talk-hpb: $service accepts the new configuration ($checker)"
done

if $systemd_changed; then
  systemctl daemon-reload
fi

act() { # unit: enable it, then restart, reload or start it as needed; status 0 when it runs
  local service=$1
  systemctl enable --quiet "$service"
  if [ "${action_of[$service]:-}" = restart ] || ! systemctl is-active --quiet "$service"; then
    echo "talk-hpb: restarting $service"
    systemctl restart "$service" || return 1
  elif [ "${action_of[$service]:-}" = reload ]; then
    echo "talk-hpb: reloading $service"
    systemctl reload "$service" || return 1
  fi
}

failed=()
acted=()
for service in $(jq -r '.services[]' "$bundle"); do
  if [ -n "${action_of[$service]:-}" ] || ! systemctl is-active --quiet "$service"; then
    acted+=("$service")
    act "$service" || failed+=("$service")
  fi
done
if [ ${#failed[@]} -eq 0 ] && [ ${#acted[@]} -gt 0 ]; then
  sleep "$settle"
  for service in "${acted[@]}"; do
    systemctl is-active --quiet "$service" || failed+=("$service")
  done
fi

if [ ${#failed[@]} -gt 0 ]; then
  for service in "${failed[@]}"; do
    echo "talk-hpb: $service did not come back with the new configuration; its last log lines:" >&2
    journalctl -u "$service" -n 30 --no-pager >&2 || true
  done
  roll_back
  recovered=true
  for service in "${acted[@]}"; do
    action_of[$service]=restart
    if act "$service"; then unset "action_of[$service]"; else recovered=false; fi
  done
  write_pending
  if $recovered; then
    echo "talk-hpb: the services run again on the last good configuration; the new one was not applied" >&2
  else
    echo "talk-hpb: the last good configuration did not start either; the next run retries: ${!action_of[*]}" >&2
  fi
  exit 1
fi

rm -f "$pending"
for path in "${paths[@]}"; do
  keep_copy "$path" "$last_good"
done
echo "talk-hpb: bundle installed"
