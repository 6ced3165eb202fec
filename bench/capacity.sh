#!/usr/bin/env bash
# Capacity benchmark: the largest number of concurrent signaling sessions that all connect through
# nginx and stay up, for Debian's default nginx configuration and for talk-hpb's generated one, in the
# same run, with the same signaling/NATS/Janus configuration, driven by the upstream benchmark client
# (nextcloud-spreed-signaling-client). Runs in a private network namespace: nothing leaves the machine.
# Usage: bash bench/capacity.sh [steps, default "1000 2000 5000 10000 15000"]   (as root)
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-"1000 2000 5000 10000 15000"}

mvn -B -q package -DskipTests
mvn -B -q test-compile
classpath="target/talk-hpb.jar:target/test-classes:$(mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"
work=$(mktemp -d /tmp/talk-hpb-capacity.XXXXXX)
chmod 0755 "$work"
java -cp "$classpath" com.talkhpb.bench.CapacityBundle "$work/root" 127.0.0.5 > /dev/null
unshare --net --fork bash bench/capacity-in-namespace.sh "$work" "$steps"
