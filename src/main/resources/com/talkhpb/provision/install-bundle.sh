#!/usr/bin/env bash
# Installs a talk-hpb bundle on the host. Reads the bundle as JSON on standard input:
#   {"format":1,"domain":…,"files":[{path,mode,owner,group,service,action,secret,content}],"services":[…]}
# Each file is written atomically (temp file in the same directory, then rename) with the mode and
# owner it names; unchanged files are left alone. Only the units whose files changed are restarted or
# reloaded, in the bundle's service order. Secret contents are never printed.
# Usage: install-bundle.sh [--no-services] < bundle.json
set -euo pipefail
umask 077

manage_services=true
if [ "${1:-}" = "--no-services" ]; then
  manage_services=false
fi

bundle=$(mktemp)
trap 'rm -f "$bundle"' EXIT
cat > "$bundle"

if [ "$(jq -r '.format' "$bundle")" != "1" ]; then
  echo "talk-hpb: install-bundle: unsupported bundle format" >&2
  exit 1
fi

declare -A restart=()
declare -A reload=()
systemd_changed=false
count=$(jq '.files | length' "$bundle")

for ((i = 0; i < count; i++)); do
  path=$(jq -r ".files[$i].path" "$bundle")
  mode=$(jq -r ".files[$i].mode" "$bundle")
  owner=$(jq -r ".files[$i].owner" "$bundle")
  group=$(jq -r ".files[$i].group" "$bundle")
  service=$(jq -r ".files[$i].service" "$bundle")
  action=$(jq -r ".files[$i].action" "$bundle")

  dir=$(dirname "$path")
  mkdir -p "$dir"
  temp=$(mktemp "$dir/.talk-hpb.XXXXXX")
  jq -j ".files[$i].content" "$bundle" > "$temp"
  chown "$owner:$group" "$temp"
  chmod "$mode" "$temp"

  if [ -f "$path" ] && cmp -s "$temp" "$path" \
      && [ "$(stat -c '%a %U %G' "$path")" = "$(stat -c '%a %U %G' "$temp")" ]; then
    rm -f "$temp"
    echo "talk-hpb: unchanged $path"
    continue
  fi
  mv -f "$temp" "$path"
  echo "talk-hpb: installed $path ($mode $owner:$group; $action $service)"
  case "$path" in /etc/systemd/system/*) systemd_changed=true ;; esac
  if [ "$action" = "restart" ]; then restart[$service]=1; else reload[$service]=1; fi
done

# Debian's default site also claims port 80 as default_server.
if [ -L /etc/nginx/sites-enabled/default ] || [ -f /etc/nginx/sites-enabled/default ]; then
  rm -f /etc/nginx/sites-enabled/default
  echo "talk-hpb: removed Debian's default nginx site"
  reload[nginx]=1
fi

if ! $manage_services; then
  for service in $(jq -r '.services[]' "$bundle"); do
    if [ -n "${restart[$service]:-}" ]; then echo "talk-hpb: would restart $service";
    elif [ -n "${reload[$service]:-}" ]; then echo "talk-hpb: would reload $service"; fi
  done
  exit 0
fi

if $systemd_changed; then
  systemctl daemon-reload
fi

failed=()
for service in $(jq -r '.services[]' "$bundle"); do
  systemctl enable --quiet "$service"
  if [ -n "${restart[$service]:-}" ] || ! systemctl is-active --quiet "$service"; then
    echo "talk-hpb: restarting $service"
    systemctl restart "$service" || failed+=("$service")
  elif [ -n "${reload[$service]:-}" ]; then
    echo "talk-hpb: reloading $service"
    systemctl reload "$service" || failed+=("$service")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  for service in "${failed[@]}"; do
    echo "talk-hpb: $service failed to start; its last log lines:" >&2
    journalctl -u "$service" -n 30 --no-pager >&2 || true
  done
  exit 1
fi
echo "talk-hpb: bundle installed"
