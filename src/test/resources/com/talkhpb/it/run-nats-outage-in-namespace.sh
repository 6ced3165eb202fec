#!/usr/bin/env bash
# The silent failure the watchdog exists for: NATS down for longer than the signaling server's NATS
# client waits (about 150 s with Debian's 2.0.2), after which the client gives up for good. NATS comes
# back, the signaling server never reconnects and its welcome still answers. Then talk-hpb's watchdog
# (watchdog.py with its rendered configuration) runs as its timer runs it, through a stand-in systemctl
# that starts and stops the daemons here as their units would; it must restart the signaling server at
# its second run, after which the health check passes. See hpb-in-namespace.sh for the namespace.
# Usage (inside unshare --mount --net --pid --mount-proc --fork --kill-child):
#   run-nats-outage-in-namespace.sh <install.json> <work dir> <domain> <public address> <provision dir> <health input.json> \
#     <required features> <optional features> <watchdog config.json>
set -euo pipefail
doc=$1 work=$2 domain=$3 address=$4 provision=$5 health=$6 features=$7 optional=$8 watchdog_config=$9

# shellcheck source=hpb-in-namespace.sh
source "$(dirname "$0")/hpb-in-namespace.sh"
hpb_namespace "$address"
hpb_install_and_start "$doc" "$domain,turn.$domain" "$address" "$provision"

nats_connected() { [ -n "$(ss -Htn state established "( dport = :4222 )")" ]; }
for _ in $(seq 1 50); do nats_connected && break; sleep 0.2; done
nats_connected

echo "step: NATS stopped until the signaling server's NATS client gives up"
stopped_at=$(date +%s)
kill "${daemon_pid[nats]}"
wait "${daemon_pid[nats]}" 2>/dev/null || true
for _ in $(seq 1 300); do
  grep -q "NATS client closed" "$work/logs/signaling.log" && break
  sleep 1
done
grep -q "NATS client closed" "$work/logs/signaling.log" || { echo "FAIL: the NATS client did not give up within 300 s" >&2; exit 1; }
gave_up=$(( $(date +%s) - stopped_at ))
echo "ok: the signaling server's NATS client gave up $gave_up s after NATS stopped: $(grep -m1 "NATS client closed" "$work/logs/signaling.log")"

start_daemon nats
back_at=$(date +%s)
sleep 10
welcome=$(curl -sS http://127.0.0.1:8080/api/v1/welcome | jq -r '."nextcloud-spreed-signaling"')
if nats_connected; then echo "FAIL: the signaling server reconnected by itself (a newer signaling?)" >&2; exit 1; fi
echo "ok: NATS is back, the signaling server stays without it (10 s later: no connection) while its welcome says '$welcome'"

# systemctl as the watchdog calls it, for this namespace: a unit is active while its daemon runs;
# restart stops it and starts it as its unit does.
mkdir -p "$work/bin"
cat > "$work/bin/systemctl" <<EOF
#!/usr/bin/env bash
set -euo pipefail
work=$work hpb_address=$address
# shellcheck source=hpb-in-namespace.sh
source "$(dirname "$0")/hpb-in-namespace.sh"
trap - EXIT
echo "\$*" >> "\$work/systemctl.calls"
process() {
  case "\$1" in
    nats-server) echo nats-server ;; coturn) echo turnserver ;; janus) echo janus ;; nginx) echo nginx ;;
    nextcloud-spreed-signaling) echo nextcloud-spree ;;
  esac
}
case "\$1" in
  show) if pgrep -x "\$(process "\${*: -1}")" > /dev/null; then echo active; else echo inactive; fi ;;
  reset-failed) ;;
  restart)
    pkill -x "\$(process "\$2")" || true
    while pgrep -x "\$(process "\$2")" > /dev/null; do sleep 0.1; done
    case "\$2" in nextcloud-spreed-signaling) start_daemon signaling ;; *) exit 1 ;; esac ;;
  *) exit 2 ;;
esac
EOF
chmod 0755 "$work/bin/systemctl"

echo "step: the watchdog, as its timer runs it every minute"
run_watchdog() {
  TALK_HPB_SYSTEMCTL=$work/bin/systemctl python3 "$provision/watchdog.py" "$watchdog_config" >> "$work/logs/watchdog.log" 2>&1 || true
}
run_watchdog
if grep -q "restart " "$work/systemctl.calls"; then echo "FAIL: the watchdog restarted at its first run" >&2; exit 1; fi
run_watchdog
grep -q "restart nextcloud-spreed-signaling" "$work/systemctl.calls" \
  || { echo "FAIL: the watchdog did not restart the signaling server" >&2; cat "$work/logs/watchdog.log" >&2; exit 1; }
restarted_at=$(date +%s)
for _ in $(seq 1 100); do nats_connected && break; sleep 0.2; done
nats_connected || { echo "FAIL: the restarted signaling server holds no NATS connection" >&2; exit 1; }
bash "$provision/health-check.sh" "$domain" self-signed "$features" "$optional" 127.0.0.1:8080 4222 "$address" 3478 \
  "turn.$domain" < "$health" > "$work/health.out" 2> "$work/logs/health.log" \
  || { echo "FAIL: the health check fails after the watchdog's restart" >&2; cat "$work/logs/health.log" >&2; exit 1; }
echo "what the journal gets:"
sed 's/^/  | /' "$work/logs/watchdog.log"
echo "ok: the watchdog restarted the signaling server at its second run; NATS connected and the health check passes" \
  "$(( $(date +%s) - restarted_at )) s after the restart"
echo "nats outage: gave_up_after=$gave_up healthy_after_restart=$(( $(date +%s) - restarted_at )) nats_back_to_restart=$(( restarted_at - back_at ))"
echo "all checks passed"
