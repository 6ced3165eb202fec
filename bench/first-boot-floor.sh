#!/usr/bin/env bash
# First-boot benchmark: the VM test with its last boot, the floor (the same image and package list
# through cloud-init, nothing else; FirstBootFloor), and the ratio of each talk-hpb server's
# "cloud-init done" to the floor's, all in one run. About 31 minutes on 2 cores without KVM.
# Needs what the tests need (bash scripts/install-test-deps.sh, as root).
# Usage: bash bench/first-boot-floor.sh
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
mvn -B verify -Pvm-e2e -Dtalkhpb.vm.floor=true -Dtest=none -Dit.test=VmEndToEndIT \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false > "$log" 2>&1 || {
  tail -n 60 "$log" >&2
  exit 1
}
grep -E "^(VM e2e: |first boot of the |  )" "$log" || true
sed -n '/first boot, from cloud-init/,/cloud-init done after/p' "$log"
