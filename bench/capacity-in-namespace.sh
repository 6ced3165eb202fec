#!/usr/bin/env bash
# The body of bench/capacity.sh, run inside a private network namespace (unshare --net).
# Usage: capacity-in-namespace.sh <work dir with root/ from CapacityBundle> <steps>
set -euo pipefail
work=$1 steps=$2
root="$work/root"
address=127.0.0.5
ip link set lo up
# The client runs its own backend on the first non-loopback address: give it one inside the namespace.
ip link add bench0 type veth peer name bench1
ip link set bench0 up
ip link set bench1 up
ip addr add 198.18.0.10/32 dev bench0
mkdir -p "$root/run" "$root/var/log/nginx" "$work/logs"

# start, wait_port and the exit trap that stops what was started.
# shellcheck source=../src/test/resources/com/talkhpb/it/hpb-in-namespace.sh
source "$(dirname "$0")/../src/test/resources/com/talkhpb/it/hpb-in-namespace.sh"
stop_all() {   # between configurations
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
}

rss_kb() {   # total resident memory of the processes whose command name (first 15 characters) is $1
  local total=0 pid
  for pid in $(pgrep -x "$1" || true); do
    total=$((total + $(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

sessions() {
  curl -s --max-time 5 http://127.0.0.1:8080/api/v1/stats | jq -r '.sessions // 0' 2>/dev/null || echo 0
}

# Debian's nginx.conf, pointed at the same site and stream files and at files under the benchmark root
# (its modules-enabled include loads the stream module, as the package installs it).
sed -e "s#include /etc/nginx/sites-enabled/\*;#include $root/etc/nginx/sites-enabled/talk-hpb.conf;#" \
    -e "s#include /etc/nginx/conf.d/\*.conf;##" \
    -e "s#^pid .*#pid $root/run/nginx.pid;#" \
    -e "s#/var/log/nginx/#$root/var/log/nginx/#g" /etc/nginx/nginx.conf > "$root/etc/nginx/nginx-debian.conf"
echo "include $root/etc/nginx/talk-hpb-stream.conf;" >> "$root/etc/nginx/nginx-debian.conf"

# Open-file limits: units without LimitNOFILE get systemd's soft 1024; the generated drop-ins ask for
# 65536. A machine may cap the hard limit lower (this workplace's: 20000); then that cap is used.
hard=$(ulimit -Hn)
product_nofile=65536
if [ "$hard" != unlimited ] && [ "$hard" -lt "$product_nofile" ]; then product_nofile=$hard; fi
echo "open-file limit: Debian defaults soft 1024; generated ${product_nofile} (hard cap here: ${hard})"
# A session holds four nginx connections (stream layer and HTTPS server) spread over the workers. Where
# the machine caps a process below what two workers need for 15000 sessions (30000 each), the generated
# nginx runs four workers instead of one per core, so that the run measures nginx, not the cap.
if [ "$hard" != unlimited ] && [ "$hard" -lt 32768 ]; then
  sed -i 's/^worker_processes auto;/worker_processes 4;   # BENCHMARK ONLY: this machine caps open files per process/' \
    "$root/etc/nginx/nginx.conf"
  echo "generated nginx: 4 workers (not one per core) under this machine's cap of ${hard} open files per process"
fi

results="$work/results.txt"
: > "$results"
for config in debian talk-hpb; do
  echo "== $config configuration"
  if [ "$config" = debian ]; then
    nginx_conf="$root/etc/nginx/nginx-debian.conf"
    nofile="1024:$hard"   # systemd's default soft LimitNOFILE for a unit without one
  else
    nginx_conf="$root/etc/nginx/nginx.conf"
    nofile="$product_nofile:$product_nofile"   # the generated drop-ins' LimitNOFILE
    sysctl -q -w net.core.somaxconn=4096 net.ipv4.tcp_max_syn_backlog=4096   # the generated sysctl.d file
  fi
  start nats prlimit --nofile="$nofile" /usr/sbin/nats-server -c "$root/etc/nats-server.conf"
  wait_port 127.0.0.1 4222
  start coturn /usr/bin/turnserver -c "$root/etc/turnserver.conf" --pidfile=
  wait_port "$address" 3478
  start janus /usr/bin/janus --disable-colors --log-stdout --configs-folder="$root/etc/janus" --config="$root/etc/janus/janus.jcfg"
  wait_port 127.0.0.1 8188
  start signaling prlimit --nofile="$nofile" /usr/bin/nextcloud-spreed-signaling-server --config "$root/etc/nextcloud-spreed-signaling/server.conf"
  wait_port 127.0.0.1 8080
  start nginx prlimit --nofile="$nofile" /usr/sbin/nginx -c "$nginx_conf" -g 'daemon off;'
  wait_port "$address" 8000

  for step in $steps; do
    log="$work/logs/client-$config-$step.log"
    prlimit --nofile="$hard:$hard" timeout 180 nextcloud-spreed-signaling-client -addr "$address:8000" \
      -config "$root/etc/nextcloud-spreed-signaling/server.conf" -maxClients "$step" > "$log" 2>&1 &
    client=$!
    established=no
    for _ in $(seq 1 150); do
      if grep -q "All connections established" "$log"; then established=yes; break; fi
      if ! kill -0 "$client" 2>/dev/null; then break; fi
      sleep 1
    done
    rate=0 held=0
    if [ "$established" = yes ]; then
      for _ in $(seq 1 30); do
        if grep -q "Stats: sent=" "$log"; then break; fi
        sleep 1
      done
      rate=$(grep -o 'recv=[0-9]* ([0-9]*/sec' "$log" | tail -n 1 | sed 's/.*(\([0-9]*\)\/sec/\1/')
      curl -s --max-time 5 http://127.0.0.1:8080/api/v1/stats > "$work/logs/stats-$config-$step.json" || true
      held=$(sessions)
    fi
    mem_nginx=$(rss_kb nginx) mem_signaling=$(rss_kb nextcloud-spree) mem_nats=$(rss_kb nats-server)
    errors=$(grep -c -E "Received error|^Error: |Could not|connection refused|connection reset|panic:" "$log" || true)
    kill "$client" 2>/dev/null || true
    wait "$client" 2>/dev/null || true
    ok=no
    if [ "$established" = yes ] && [ "${held:-0}" -ge "$step" ] && [ "$errors" -eq 0 ]; then ok=yes; fi
    printf '%s %s %s %s %s %s %s %s %s\n' "$config" "$step" "$ok" "${held:-0}" "${rate:-0}" "$mem_nginx" "$mem_signaling" "$mem_nats" "$errors" | tee -a "$results"
    grep -h "worker_connections are not enough\|Too many open files" "$root"/var/log/nginx/*.log 2>/dev/null | tail -n 1 || true
    for _ in $(seq 1 60); do [ "$(sessions)" = 0 ] && break; sleep 1; done
    [ "$ok" = yes ] || break
  done
  stop_all
  : > "$root/var/log/nginx/error.log"
done

echo
echo "capacity on $(nproc) cores (sessions connected through nginx and held while messaging):"
printf '  %-9s %7s %4s %8s %10s %12s %14s %10s %7s\n' config clients ok sessions "msgs/s" "nginx MiB" "signaling MiB" "nats MiB" errors
awk '{ printf "  %-9s %7d %4s %8d %10d %12.1f %14.1f %10.1f %7d\n", $1, $2, $3, $4, $5, $6/1024, $7/1024, $8/1024, $9 }' "$results"
best() { awk -v c="$1" '$1 == c && $3 == "yes" { m = $2 } END { print m + 0 }' "$results"; }
debian=$(best debian) generated=$(best talk-hpb)
echo "  largest step held: Debian defaults ${debian}, talk-hpb ${generated}"
awk -v d="$debian" -v g="$generated" 'BEGIN { if (d > 0) printf "  ratio talk-hpb / Debian defaults: %.1f\n", g / d; else print "  Debian defaults held no step" }'
