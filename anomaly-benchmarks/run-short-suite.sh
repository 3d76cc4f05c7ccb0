#!/usr/bin/env bash
# The short JMH suite behind RESULTS.md, one benchmark class after another (never in parallel: 2 cores).
# Usage: [JAR=copy-of-benchmarks.jar] anomaly-benchmarks/run-short-suite.sh [output-dir]  (after mvn install)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-anomaly-benchmarks/target/benchmarks.jar}
OUT=${1:-anomaly-benchmarks/target/results}
mkdir -p "$OUT"
SHORT=(-f 1 -wi 3 -i 5 -w 1s -r 1s)
run() { # name, then JMH arguments
  local name=$1; shift
  echo "== $name: java -jar $JAR $*" | tee "$OUT/$name.txt"
  java -jar "$JAR" "$@" -rf json -rff "$OUT/$name.json" >> "$OUT/$name.txt" 2>&1
}
run hst        HalfSpaceTreesBenchmark "${SHORT[@]}" -prof gc
run forest-score 'IsolationForestBenchmark.score' "${SHORT[@]}" -prof gc
run forest-fit 'IsolationForestBenchmark.fit' -f 1 -wi 1 -i 3
run lstm       LstmAutoencoderBenchmark "${SHORT[@]}" -p parallel=true -prof gc
run lstm-1core 'LstmAutoencoderBenchmark.scoreBatch.*Ours' "${SHORT[@]}" -p parallel=false
run ensemble   EnsembleBenchmark "${SHORT[@]}" -prof gc
run explain    ExplanationBenchmark "${SHORT[@]}" -prof gc
run rootcause  RootCauseBenchmark -f 1 -wi 3 -i 5
run workflow   WorkflowBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s
run load       ReportLoadBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s
