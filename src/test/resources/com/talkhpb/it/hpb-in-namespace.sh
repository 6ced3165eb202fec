#!/usr/bin/env bash
# Shared by the namespace scripts (sourced): a private network with the stand-in public IP, overlays
# over /etc, /var and /run so the machine's own files are untouched, the bundle installed by the
# product's install-bundle.sh and ensure-certificate.sh, and each daemon run as its systemd unit's user.
# Callers run inside: unshare --mount --net --pid --mount-proc --fork --kill-child, so every process
# started here ends with the script. They set $work (logs go to $work/logs) before sourcing.

pids=()
cleanup() {
  status=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ $status -ne 0 ]; then
    for log in "$work"/logs/*.log; do echo "---- $log"; tail -n 30 "$log"; done
  fi
}
trap cleanup EXIT

start() {
  local name=$1
  shift
  "$@" > "$work/logs/$name.log" 2>&1 &
  pids+=($!)
}

wait_port() {
  for _ in $(seq 1 300); do
    if timeout 1 bash -c ">/dev/tcp/$1/$2" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "FAIL: nothing listens on $1:$2" >&2
  return 1
}

as_user() {
  local user=$1
  shift
  exec setpriv --reuid="$user" --regid="$user" --init-groups "$@"
}

# participants_outside: participants "outside", in a network namespace of their own on the HPB's public
# link (part0 here, part1 there), as on the Internet; in_outside runs a command there. The HPB's address
# goes on part0 (hpb_namespace "$address" part0), as on a cloud host (Janus sends from the interface that holds it).
participants_outside() {
  unshare --net sleep infinity &
  participant_pid=$!
  pids+=("$participant_pid")
  while [ "$(readlink "/proc/$participant_pid/ns/net")" = "$(readlink /proc/self/ns/net)" ]; do sleep 0.05; done
  ip link add part0 type veth peer name part1
  ip link set part1 netns "$participant_pid"
  ip link set part0 up
  ip route add 192.168.77.0/24 dev part0
  in_outside ip link set lo up
  in_outside ip link set part1 up
  in_outside ip addr add 192.168.77.2/24 dev part1
  in_outside ip route add default dev part1
  # IPv6 on the same link: the participants' and the HPB's ULA addresses (no duplicate detection: ready at once).
  in_outside ip -6 addr add fd00:77::2/64 dev part1 nodad
  in_outside ip -6 route add default dev part1
}
in_outside() {
  nsenter --net="/proc/$participant_pid/ns/net" "$@"
}

# participants_firewall <policy> <output rules> <input rules>: the participants' own firewall (nftables
# rules separated by ";"); loopback and IPv6 neighbour discovery stay open (without it an IPv6 neighbour
# is unreachable once its cache entry goes stale; ARP is not filtered by inet tables).
participants_firewall() {
  in_outside nft -f - <<NFT
table inet strict_firewall {
  chain output {
    type filter hook output priority 0; policy $1;
    oif "lo" accept; icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept; $2
  }
  chain input {
    type filter hook input priority 0; policy $1;
    iif "lo" accept; icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept; $3
  }
}
NFT
}
# As in a strict corporate network: only HTTPS and TURN to the HPB ($address).
turn_only() {
  participants_firewall drop \
    "ip daddr $address tcp dport { 443, $1 } accept; ip daddr $address udp dport $1 accept" \
    "ip saddr $address tcp sport { 443, $1 } accept; ip saddr $address udp sport $1 accept"
}
open_network() {
  in_outside nft delete table inet strict_firewall 2>/dev/null || true
}


# hpb_namespace <public address> [<interface>]: loopback, the public address, overlays.
hpb_namespace() {
  local address=$1 interface=${2:-}
  mkdir -p "$work"/{etc-upper,etc-work,var-upper,var-work,logs}
  ip link set lo up
  if [ -z "$interface" ]; then
    # The stand-in public IP on an interface of its own, as on a cloud host (coturn needs a non-loopback
    # address to relay from). The namespace has no uplink: traffic to it stays inside.
    # (A veth pair whose both ends stay in this namespace: no dummy driver on every kernel.)
    ip link add hpb0 type veth peer name hpb1
    ip link set hpb0 up
    ip link set hpb1 up
    interface=hpb0
  fi
  ip addr add "$address/32" dev "$interface"
  mount -t overlay overlay -o "lowerdir=/etc,upperdir=$work/etc-upper,workdir=$work/etc-work" /etc
  mount -t overlay overlay -o "lowerdir=/var,upperdir=$work/var-upper,workdir=$work/var-work" /var
  mount -t tmpfs tmpfs /run
}

# hpb_install_and_start <install.json> <certificate names, comma-separated> <public address> <provision dir>
hpb_install_and_start() {
  local doc=$1 names=$2 address=$3 provision=$4
  echo "step: install the bundle"
  bash "$provision/install-bundle.sh" --no-services < "$doc"
  echo "step: the host firewall, as its unit loads it at boot"
  nft -f /etc/talk-hpb/firewall.nft
  bash "$provision/ensure-certificate.sh" self-signed "$names" /etc/talk-hpb/tls/fullchain.pem \
    /etc/talk-hpb/tls/privkey.pem /var/lib/talk-hpb/acme

  echo "step: start the daemons as their units do"
  hpb_address=$address
  for daemon in nats coturn janus signaling nginx; do start_daemon "$daemon"; done
}

# start_daemon <nats|coturn|janus|signaling|nginx>: one daemon as its unit starts it (its user, its
# command), until it listens; its PID in daemon_pid[name]. Logs append to $work/logs/<name>.log.
declare -A daemon_pid=()
start_daemon() {
  local name=$1 command=() port
  case "$name" in
    nats) command=(as_user nats /usr/sbin/nats-server -c /etc/nats-server.conf); port="127.0.0.1 4222" ;;
    coturn) command=(as_user turnserver /usr/bin/turnserver -c /etc/turnserver.conf --pidfile=); port="$hpb_address 3478" ;;
    janus) command=(as_user janus /usr/bin/janus --disable-colors --log-stdout); port="127.0.0.1 8188" ;;
    signaling) command=(as_user _signaling /usr/bin/nextcloud-spreed-signaling-server
                        --config /etc/nextcloud-spreed-signaling/server.conf); port="127.0.0.1 8080" ;;
    nginx) nginx -t -q; command=(/usr/sbin/nginx -g 'daemon off;'); port="$hpb_address 443" ;;
  esac
  "${command[@]}" >> "$work/logs/$name.log" 2>&1 &
  pids+=($!)
  daemon_pid[$name]=$!
  # shellcheck disable=SC2086 # host and port, two words
  wait_port $port
}

# start_exporters: each exporter whose talk-hpb drop-in the bundle installed, with the drop-in's command
# line (what systemd runs) as its unit's user, until it listens. Their names in exporter_units.
exporter_units=()
start_exporters() {
  local dropin command unit listen
  for dropin in /etc/systemd/system/prometheus-*.service.d/talk-hpb.conf; do
    [ -f "$dropin" ] || continue
    command=$(sed -n 's/^ExecStart=\(..*\)$/\1/p' "$dropin")
    unit=$(basename "$(dirname "$dropin")" .service.d)
    exporter_units+=("$unit")
    # shellcheck disable=SC2086 # the unit's command line, split into words as systemd splits it
    start "$unit" as_user prometheus $command
    listen=$(grep -o -- '-web.listen-address=[^ ]*' <<< "$command" | cut -d= -f2)
    wait_port "${listen%:*}" "${listen##*:}"
  done
}

# A stand-in for systemctl for the watchdog, which asks only "show --property=ActiveState --value <unit>":
# each daemon's unit is active while its process runs in this namespace (systemd does not run here).
systemctl_stand_in() {
  cat > "$work/systemctl" <<'STANDIN'
#!/usr/bin/env bash
unit=${*: -1}
case "$unit" in
  nats-server) process=(-x nats-server) ;;
  coturn) process=(-x turnserver) ;;
  janus) process=(-x janus) ;;
  nextcloud-spreed-signaling) process=(-f nextcloud-spreed-signaling-server) ;;
  nextcloud-spreed-signaling-proxy) process=(-f nextcloud-spreed-signaling-proxy) ;;
  nginx) process=(-x nginx) ;;
  *) echo unknown; exit 0 ;;
esac
if pgrep "${process[@]}" > /dev/null; then echo active; else echo inactive; fi
STANDIN
  chmod 0755 "$work/systemctl"
}
