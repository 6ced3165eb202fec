#!/usr/bin/env bash
# The project's test command: installs what the tests need (Debian packages, as root), then runs with
# Maven the unit tests, the program under the mock engine, the integration tests with the real daemons
# and the end-to-end test in a real Debian 12 VM; first it validates the GitHub workflows.
# Usage: bash scripts/test.sh [--no-vm]   (--no-vm skips the VM test, about 26 minutes, while developing)
set -euo pipefail
cd "$(dirname "$0")/.."

profile=(-Pvm-e2e)
if [ "${1:-}" = "--no-vm" ]; then
  profile=()
fi

bash scripts/install-test-deps.sh
bash scripts/lint-workflows.sh
echo "test: mvn -B clean verify ${profile[*]}"
mvn -B clean verify "${profile[@]}"
