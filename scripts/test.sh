#!/usr/bin/env bash
# The project's test command: installs what the tests need (Debian packages, as root), then runs
# unit tests and the integration tests against the real daemons with Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh
echo "test: mvn -B verify"
mvn -B verify
