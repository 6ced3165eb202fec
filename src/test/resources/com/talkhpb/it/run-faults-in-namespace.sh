#!/usr/bin/env bash
# What a crash of each daemon does to calls. The HPB runs as on the host (see hpb-in-namespace.sh), its
# participants outside; for each daemon in turn: a call runs (its decoded frames sampled every second),
# the daemon is killed (kill -9, and the rest of its processes as systemd kills its cgroup), started
# again 2 s later as its unit's Restart=on-failure/RestartSec=2 does, and from then on new calls are
# tried, beside the first one, until one has media both ways. Every case ends with the provisioning health check passing. Prints one
# "fault:" line per daemon with the times; the running call's report (its timeline) is left beside its
# plan for the caller to judge.
# Usage (inside unshare --mount --net --pid --mount-proc --fork --kill-child):
#   run-faults-in-namespace.sh <install.json> <work dir> <domain> <public address> <provision dir> <call-client.py> \
#     <fake Nextcloud port> <shared secret file> <hello v2 key file> <java classpath> <plans dir> <health input.json> \
#     <required features> <optional features> <turn port> <daemon>...
set -euo pipefail
doc=$1 work=$2 domain=$3 address=$4 provision=$5 client=$6 nextcloud_port=$7 secret_file=$8 key_file=$9 classpath=${10}
plans=${11} health=${12} features=${13} optional=${14} turn_port=${15}
shift 15

# shellcheck source=hpb-in-namespace.sh
source "$(dirname "$0")/hpb-in-namespace.sh"
participants_outside
hpb_namespace "$address" part0
echo "$address $domain turn.$domain" >> /etc/hosts
start nextcloud java -cp "$classpath" com.talkhpb.testing.FakeNextcloud "$nextcloud_port" "$secret_file" "$key_file"
wait_port 127.0.0.1 "$nextcloud_port"
hpb_install_and_start "$doc" "$domain,turn.$domain" "$address" "$provision"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

mcu_connected() {
  for _ in $(seq 1 120); do
    if curl -sS http://127.0.0.1:8080/api/v1/stats 2>/dev/null | jq -e '.mcu.connected == true' > /dev/null; then return 0; fi
    sleep 0.5
  done
  return 1
}
mcu_connected

# participants_network <plan>: the participants' firewall as the plan says (open, or only HTTPS and TURN).
participants_network() {
  open_network
  if [ "$(jq -r .harness.participants "$1")" = outside-turn-only ]; then turn_only "$turn_port"; fi
}

# call <plan> <report>: the call client from the participants' network.
call() {
  in_outside /usr/bin/python3 "$client" < "$1" > "$2" 2> "$2.log" || true
}

# What systemd does when a unit's main process is killed: the rest of its cgroup goes too (nginx's
# workers), then Restart= starts it again after RestartSec.
kill_like_a_crash() {
  local daemon=$1
  kill -9 "${daemon_pid[$daemon]}"
  if [ "$daemon" = nginx ]; then pkill -9 -x nginx || true; fi
  wait "${daemon_pid[$daemon]}" 2>/dev/null || true
}

health_check() {
  bash "$provision/health-check.sh" "$domain" self-signed "$features" "$optional" 127.0.0.1:8080 4222 "$address" 3478 \
    "turn.$domain" < "$health" > "$work/health.out" 2> "$work/health.log"
}

for daemon in "$@"; do
  echo "step: $daemon killed during a call, started again 2 s later"
  running=$plans/running-$daemon.json
  participants_network "$running"
  call "$running" "$running.report.json" &
  call_pid=$!
  for _ in $(seq 1 300); do grep -q "in the call:" "$running.report.json.log" 2>/dev/null && break; sleep 0.1; done
  grep -q "in the call:" "$running.report.json.log" || { echo "FAIL: the call before the fault did not start" >&2; tail "$running.report.json.log" >&2; exit 1; }
  sleep 3
  killed_at=$(now)
  kill_like_a_crash "$daemon"
  sleep 2
  start_daemon "$daemon"
  restarted=$(since "$killed_at")

  # New calls from right after the restart, while the first call goes on, until one has media both ways.
  new_call=""
  for _ in $(seq 1 20); do
    call "$plans/new-$daemon.json" "$plans/new-$daemon.json.report.json"
    if jq -e .ok "$plans/new-$daemon.json.report.json" > /dev/null; then
      # From the crash to the moment the new call's media flowed both ways.
      new_call=$(awk -v a="$killed_at" -v b="$(jq -r .inCallAt "$plans/new-$daemon.json.report.json")" 'BEGIN { printf "%.1f", b - a }')
      break
    fi
    echo "  a new call after the $daemon crash failed: $(jq -r .error "$plans/new-$daemon.json.report.json")"
    sleep 1
  done
  [ -n "$new_call" ] || { echo "FAIL: no new call works after the $daemon crash" >&2; exit 1; }
  wait "$call_pid"
  health_check || { echo "FAIL: the health check fails after the $daemon crash" >&2; cat "$work/health.log" >&2; exit 1; }
  echo "fault: $daemon killed_at=$killed_at running_again_after=$restarted new_call_in_call_after=$new_call health=ok"
done
echo "faults done"
