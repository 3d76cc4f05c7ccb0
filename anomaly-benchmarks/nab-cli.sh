#!/usr/bin/env bash
# Runs the CLI's own `score` command on NAB's six realAdExchange files, exactly as a user would, and scores its
# output files by NAB's rules (three profiles, threshold optimised per profile over the six files together) with
# per-file ROC-AUC:
#
#   anomaly-benchmarks/nab-cli.sh [DATA_DIR [OUT_DIR [extra score options...]]]
#   anomaly-benchmarks/nab-cli.sh ../shared/data /tmp/nab-raw --raw     # today's raw-value scoring, for contrast
#
# DATA_DIR defaults to ../shared/data (from the project root), OUT_DIR to anomaly-benchmarks/target/nab-cli.
# Needs the two jars: mvn -B -q -pl anomaly-cli,anomaly-benchmarks -am package -DskipTests
# (set CLI= or BENCH= to use copies). NAB's files repeat an hour now and then, hence --duplicate-timestamps keep.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${1:-$root/../shared/data}
out=${2:-$root/anomaly-benchmarks/target/nab-cli}
shift $(( $# < 2 ? $# : 2 ))
CLI=${CLI:-$root/anomaly-cli/target/anomaly.jar}
BENCH=${BENCH:-$root/anomaly-benchmarks/target/benchmarks.jar}
if [ ! -d "$data/nab-realAdExchange" ]; then
  echo "error: $data/nab-realAdExchange must be the NAB folder, got nothing there" >&2
  exit 2
fi
for jar in "$CLI" "$BENCH"; do
  if [ ! -f "$jar" ]; then
    echo "error: $jar is missing: mvn -B -q -pl anomaly-cli,anomaly-benchmarks -am package -DskipTests" >&2
    exit 2
  fi
done
mkdir -p "$out"
for f in "$data"/nab-realAdExchange/*.csv; do
  java -jar "$CLI" score --timestamp-column timestamp --columns value --duplicate-timestamps keep \
      --input "$f" --output "$out/$(basename "$f")" "$@"
done
java -cp "$BENCH" io.ppcanomaly.bench.AccuracyRuns nab-scored --data "$data" --scored "$out" \
    --name "score --timestamp-column timestamp --columns value $*"
