#!/usr/bin/env bash
# Issue 18's second load bar: timings_ms.load of fresh `detect --models` processes (JVM start-up included) on the
# report CSV of `sample --keywords 1222 --days 120` (146,640 rows, 21 MB, seed 42). Writes the report and trains
# the keyword ensemble once (a few minutes), then runs `detect` RUNS times, each in a new JVM, and prints each
# run's load and total milliseconds and the median load.
# Usage: [JAR=anomaly-cli/target/anomaly.jar] [RUNS=7] anomaly-benchmarks/fresh-load.sh [work-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-anomaly-cli/target/anomaly.jar}
RUNS=${RUNS:-7}
DIR=${1:-anomaly-benchmarks/target/fresh-load}
mkdir -p "$DIR"
[ -f "$DIR/report.csv" ] || java -jar "$JAR" sample --output "$DIR/report.csv" --keywords 1222 --days 120
[ -d "$DIR/models" ] || java -jar "$JAR" train --input "$DIR/report.csv" --models "$DIR/models" \
    --entity-type keyword --as-of 2026-04-29
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
loads=()
for i in $(seq 1 "$RUNS"); do
  java -jar "$JAR" detect --input "$DIR/report.csv" --models "$DIR/models" --output "$DIR/alerts.json" \
      > /dev/null 2> "$DIR/detect.err"
  json=$(tr -d '\n' < "$DIR/alerts.json")
  load=$(grep -o '"timings_ms" *: *{ *"load" *: *[0-9]*' <<< "$json" | grep -o '[0-9]*$')
  total=$(grep -o '"execution_time_ms" *: *[0-9]*' <<< "$json" | grep -o '[0-9]*$')
  echo "run $i: timings_ms.load $load ms, execution_time_ms $total ms"
  loads+=("$load")
done
echo "median timings_ms.load: $(printf '%s\n' "${loads[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') ms"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
