#!/usr/bin/env bash
# Capacity benchmark: the largest number of concurrent signaling sessions that all connect through
# nginx and stay up, for Debian's default nginx configuration and for talk-hpb's generated one, in the
# same run, with the same signaling/NATS/Janus configuration, driven by the upstream benchmark client
# (nextcloud-spreed-signaling-client). Runs in a private network namespace: nothing leaves the machine.
# Usage: bash bench/capacity.sh [steps, default "250 500 1000 2000 5000 10000 15000"]   (as root; about 10 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-"250 500 1000 2000 5000 10000 15000"}

mvn -B -q package -DskipTests
mvn -B -q test-compile
classpath="target/talk-hpb.jar:target/test-classes:$(mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"
work=$(mktemp -d /tmp/talk-hpb-capacity.XXXXXX)
chmod 0755 "$work"
java -cp "$classpath" com.talkhpb.bench.CapacityBundle "$work/root" 127.0.0.5 > /dev/null
bash src/main/resources/com/talkhpb/provision/ensure-certificate.sh self-signed hpb.capacity.test \
  "$work/root/etc/talk-hpb/tls/fullchain.pem" "$work/root/etc/talk-hpb/tls/privkey.pem" "$work/root/var/lib/talk-hpb/acme"
unshare --net --pid --mount-proc --fork --kill-child bash bench/capacity-in-namespace.sh "$work" "$steps"
