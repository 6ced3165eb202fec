#!/usr/bin/env bash
# Validates every GitHub workflow against the workflow schema with action-validator (pinned in
# tools/workflow-lint/package-lock.json, installed from npm). The shell steps inside them are checked
# by shellcheck in WorkflowShellStepsTest.
set -euo pipefail
cd "$(dirname "$0")/.."

(cd tools/workflow-lint && npm ci --no-audit --no-fund --loglevel=error)
status=0
for workflow in .github/workflows/*.yml; do
  if tools/workflow-lint/node_modules/.bin/action-validator "$workflow"; then
    echo "lint-workflows: $workflow is valid"
  else
    echo "lint-workflows: $workflow is NOT valid" >&2
    status=1
  fi
done
exit "$status"
