#!/usr/bin/env bash
# Media benchmark through the generated configuration (signaling server, Janus, nginx as installed by
# install-bundle.sh and run as their units' users), then with Janus's packaged default configuration as
# the baseline, in the same run: one ~1 Mbit/s video publisher to N subscribers ("fanout"), and N
# participants each publishing to all others ("mesh", N(N-1) streams). Reports per step the worst
# stream's share of the sent frames, the bitrate per stream, Janus's CPU and memory, and the load
# client's CPU (bench/media-load.py, aiortc: it shares the machine's cores with Janus).
# Runs in private mount, network and PID namespaces: nothing leaves the machine.
# Usage: bash bench/media.sh [fanout steps] [mesh steps] [seconds per step, default 10]   (as root)
#   defaults: fanout "1 10 20 30 40 50 60", mesh "2 3 4 5 6 7 8"
set -euo pipefail
cd "$(dirname "$0")/.."
fanout=${1:-"1 10 20 30 40 50 60"}
mesh=${2:-"2 3 4 5 6 7 8"}
seconds=${3:-10}

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
  "$(pwd)/src/main/resources/com/talkhpb/verify/call-client.py" "$(pwd)/bench/media-load.py" "$seconds" "$fanout" "$mesh"
