#!/usr/bin/env bash
# Media benchmark: one 1 Mbit/s video publisher, N subscribers, through the generated configuration
# (signaling server, Janus, nginx as installed by install-bundle.sh and run as their units' users),
# then the same with Janus's packaged default configuration as the baseline, in the same run. Reports
# per N the worst subscriber's share of the sent frames, the bitrate each subscriber got, and Janus's
# CPU and memory. The load client (bench/media-load.py, aiortc) shares the machine's cores with Janus.
# Runs in private mount, network and PID namespaces: nothing leaves the machine.
# Usage: bash bench/media.sh [subscriber steps, default "1 2 5 10 20 30 40"] [seconds per step, default 10]   (as root)
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-"1 2 5 10 20 30 40"}
seconds=${2:-10}

mvn -B -q test-compile
classpath="target/classes:target/test-classes:$(mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"
work=$(mktemp -d /tmp/talk-hpb-media.XXXXXX)
chmod 0755 "$work"
address=198.18.0.30
domain=hpb.media.test
java -cp "$classpath" com.talkhpb.bench.MediaBundle "$work" "$address" "$domain"
mkdir -p "$work/provision"
cp src/main/resources/com/talkhpb/provision/* "$work/provision/"
cp src/test/resources/com/talkhpb/it/hpb-in-namespace.sh bench/media-in-namespace.sh "$work/"
unshare --mount --net --pid --mount-proc --fork --kill-child bash "$work/media-in-namespace.sh" "$work" "$address" "$domain" \
  "$(pwd)/src/main/resources/com/talkhpb/verify/call-client.py" "$(pwd)/bench/media-load.py" "$seconds" "$steps"
