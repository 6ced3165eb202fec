#!/bin/bash
# A stand-in for Nextcloud's occ that keeps Talk's HPB settings the way Talk does:
# talk:signaling:add appends without a duplicate check and overwrites the one shared secret;
# talk:turn:add and talk:stun:add reject an entry that exists; deleting a missing entry succeeds with
# "There is nothing to delete." (spreed lib/Command/*/Delete.php). A file "maintenance" in the state
# directory makes every command fail as occ does in maintenance mode.
# State lives in $FAKE_OCC_STATE: signaling (url verify), secret, turn (schemes server protocols secret), stun.
set -euo pipefail
state=${FAKE_OCC_STATE:?}
touch "$state/signaling" "$state/secret" "$state/turn" "$state/stun"
echo "$*" >> "$state/calls"
if [ -f "$state/maintenance" ]; then
  echo "Nextcloud is in maintenance mode, hence the database isn't accessible." >&2
  exit 1
fi

json_lines() { # file field... -> JSON array of objects, or of strings with one field
  local file=$1; shift
  local first=1
  printf '['
  while read -r -a cols; do
    [ ${#cols[@]} -eq 0 ] && continue
    [ $first -eq 1 ] || printf ','
    first=0
    if [ $# -eq 1 ]; then printf '"%s"' "${cols[0]}"; continue; fi
    printf '{'
    local i=0
    for field in "$@"; do
      [ $i -eq 0 ] || printf ','
      printf '"%s":"%s"' "$field" "${cols[$i]}"
      i=$((i + 1))
    done
    printf '}'
  done < "$file"
  printf ']\n'
}

remove_matching() { # file pattern-of-leading-columns
  local file=$1 prefix=$2
  if ! grep -q -F -x -e "$prefix" <(cut -d' ' -f1-"$(wc -w <<<"$prefix")" "$file"); then
    return 1
  fi
  awk -v p="$prefix" -v n="$(wc -w <<<"$prefix")" '{ k=$1; for (i = 2; i <= n; i++) k = k " " $i; if (k != p) print }' "$file" > "$file.new"
  mv "$file.new" "$file"
}

command=$1; shift
case "$command" in
  talk:signaling:list) printf '{"servers":%s,"secret":"%s"}\n' "$(json_lines "$state/signaling" server verify)" "$(cat "$state/secret")" ;;
  talk:signaling:add)
    verify=false
    if [ "$1" = --verify ]; then verify=true; shift; fi
    echo "$1 $verify" >> "$state/signaling"
    echo "$2" > "$state/secret"
    echo "Added signaling server $1." ;;
  talk:signaling:delete)
    remove_matching "$state/signaling" "$1" || echo "There is nothing to delete." ;;
  talk:turn:list) json_lines "$state/turn" schemes server protocols secret ;;
  talk:turn:add)
    [ "$1" = --secret ] || { echo "fake occ supports only --secret" >&2; exit 2; }
    secret=$2 schemes=$3 server=$4 protocols=$5
    if grep -q -F -x "$schemes $server $protocols" <(cut -d' ' -f1-3 "$state/turn"); then
      echo "This TURN server already exists." >&2; exit 1
    fi
    echo "$schemes $server $protocols $secret" >> "$state/turn" ;;
  talk:turn:delete)
    remove_matching "$state/turn" "$1 $2 $3" || echo "There is nothing to delete." ;;
  talk:stun:list) json_lines "$state/stun" server ;;
  talk:stun:add)
    if grep -q -F -x "$1" "$state/stun"; then echo "This STUN server already exists." >&2; exit 1; fi
    echo "$1" >> "$state/stun" ;;
  talk:stun:delete)
    remove_matching "$state/stun" "$1" || echo "There is nothing to delete." ;;
  *) echo "fake occ: unknown command $command" >&2; exit 2 ;;
esac
