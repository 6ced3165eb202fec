#!/usr/bin/env bash
# Unattended-operation benchmark: the VM test (systemd, the real units and timer) with its expensive
# cases added: the unattended-upgrades dry run with Debian's security suite (5-7 minutes), and NATS
# stopped for three minutes, so that the signaling server's NATS client gives up for
# good, then started again; the watchdog's timer must bring the HPB back without a human. Prints the
# seconds of every fault case (each daemon killed, a frozen signaling server, the reboot, the outage).
# About 35 minutes on 2 cores without KVM. Needs what the tests need (bash scripts/install-test-deps.sh).
# Usage: bash bench/unattended-faults.sh
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
mvn -B verify -Pvm-e2e -Dtalkhpb.vm.faults=true -Dtalkhpb.vm.upgrades=true -Dtest=none -Dit.test=VmEndToEndIT \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false > "$log" 2>&1 || {
  tail -n 80 "$log" >&2
  exit 1
}
grep -E "^(VM e2e: |NATS outage|killed|[a-z-]+ \| [0-9.]+ s|then the health check|restarted by their)" "$log" || true
sed -n '/^NATS outage of 3 minutes/,/^$/p' "$log"
