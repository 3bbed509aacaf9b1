#!/usr/bin/env bash
# Runs one JMH benchmark with settings that fit a small (2-core) machine, building the jar first if any
# source is newer than it.
#
#   llmops-benchmarks/run.sh BENCHMARK [extra JMH args]
#   llmops-benchmarks/run.sh PipelineOverheadBenchmark
#   llmops-benchmarks/run.sh PipelineOverheadBenchmark -i 10 -rf json -rff target/overhead.json
#
# Defaults: 1 fork, 1 thread, 3 warmup iterations of 2 s, 5 measurement iterations of 2 s, -prof gc
# (gc.alloc.rate.norm = bytes allocated per operation). An extra arg that sets one of these options
# replaces its default (JMH refuses an option given twice). Set MVN_ARGS=-o to build offline.
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 BENCHMARK [extra JMH args]   (e.g. $0 PipelineOverheadBenchmark)" >&2
  exit 2
fi
bench=$1
shift
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/llmops-benchmarks/target/benchmarks.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root/pom.xml" "$root"/llmops-*/pom.xml "$root"/llmops-*/src \
    -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
  echo "building $jar ..." >&2
  (cd "$root" && mvn -B -q ${MVN_ARGS:-} -Pbenchmarks-jar -pl llmops-benchmarks -am package -DskipTests)
fi
declare -A defaults=([-f]=1 [-t]=1 [-wi]=3 [-w]=2s [-i]=5 [-r]=2s)
for a in "$@"; do
  unset "defaults[$a]" 2>/dev/null || true
done
args=()
for k in "${!defaults[@]}"; do
  args+=("$k" "${defaults[$k]}")
done
case " $* " in
  *" -prof gc "*) ;;
  *) args+=(-prof gc) ;;
esac
exec java -jar "$jar" "$bench" "${args[@]}" "$@"
