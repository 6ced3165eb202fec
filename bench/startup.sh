#!/usr/bin/env bash
# Startup benchmark: every preview and every `up` runs the program, so measure what the program adds.
# Runs, as whole JVM processes under the same mock engine, alternating: the talk-hpb program on the
# prod stack; a minimal Pulumi Java program (one output); and a program that registers as many trivial
# resources as talk-hpb does (what the SDK itself costs for a program of that size). Reports medians
# and ratios.
# Usage: bash bench/startup.sh [runs per program, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}

mvn -B -q package -DskipTests
# The jar users run (libraries inside, the AWS SDK minimised) and the mock harness; nothing beside them.
classpath="target/talk-hpb.jar:target/test-classes"

elapsed_ms() {
  local start end
  start=$(date +%s%N)
  "$@" > /dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

time_ms() {
  elapsed_ms java -cp "$classpath" com.talkhpb.bench.ProgramUnderMocks "$@"
}

median() {
  sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

resources=$(java -cp "$classpath" com.talkhpb.bench.ProgramUnderMocks count)   # also warms the file cache
talk=() minimal=() same=() scan=()
for ((i = 0; i < runs; i++)); do
  minimal+=("$(time_ms minimal)")
  same+=("$(time_ms same-size "$resources")")
  talk+=("$(time_ms talk-hpb)")
  # What the Java language host runs before every preview and up: the jar scanned for its plugins.
  scan+=("$(elapsed_ms java -cp target/talk-hpb.jar com.pulumi.bootstrap.internal.Main packages)")
done
m=$(printf '%s\n' "${minimal[@]}" | median)
s=$(printf '%s\n' "${same[@]}" | median)
t=$(printf '%s\n' "${talk[@]}" | median)
p=$(printf '%s\n' "${scan[@]}" | median)
echo "startup under the mock engine, ${runs} runs each, median wall time (jar: $(du -m target/talk-hpb.jar | cut -f1) MB):"
printf '  %-48s %6d ms\n' "minimal Pulumi Java program (1 output)" "$m" \
  "same-size program (${resources} trivial resources)" "$s" "talk-hpb program (prod stack, ${resources} resources)" "$t" \
  "language host's plugin scan of the jar" "$p"
awk -v t="$t" -v m="$m" -v s="$s" 'BEGIN {
  printf "  ratio talk-hpb / minimal:   %.2f (target: at most 1.5)\n", t / m
  printf "  ratio talk-hpb / same-size: %.2f (what talk-hpb adds beyond the SDK cost of its resources)\n", t / s
}'
