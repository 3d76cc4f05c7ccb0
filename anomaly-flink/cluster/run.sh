#!/usr/bin/env bash
# Runs the job jar on a real Flink session cluster - a JobManager and a TaskManager (2 slots) in their own JVMs,
# started from Flink's Maven artifacts (the jars the job declares `provided`) the way Flink's bin/ scripts start
# them, the job submitted with Flink's own CliFrontend (`flink run`) - and checks that its alerts are the CLI's
# for the same periods and model. A documented run, not part of `mvn verify` (about 4 minutes on 2 cores).
#
# Usage, from the repository root after `mvn -B -q install -DskipTests`:
#   anomaly-flink/cluster/run.sh [work-dir]          (default /tmp/ppca-flink-cluster)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${1:-/tmp/ppca-flink-cluster}
CLI=$ROOT/anomaly-cli/target/anomaly.jar
JOB=$ROOT/anomaly-flink/target/anomaly-flink-job.jar
mkdir -p "$WORK/conf"
sed "s|file:///tmp/fc/checkpoints|file://$WORK/checkpoints|" "$ROOT/anomaly-flink/cluster/config.yaml" \
    > "$WORK/conf/config.yaml"
CONF=$WORK/conf

# Flink's jars only (the library's own modules come in the job jar)
(cd "$ROOT" && mvn -B -q -pl anomaly-flink dependency:build-classpath -Dmdep.includeScope=provided \
    -Dmdep.outputFile="$WORK/cp.txt")
CP=$(tr ':' '\n' < "$WORK/cp.txt" | grep -v '/io/ppcanomaly/' | paste -sd:)
[ -f "$JOB" ] || (cd "$ROOT" && mvn -B -q -pl anomaly-flink -am package -DskipTests -Pjob-jar)

# what Flink's default configuration passes to every JVM on Java 17
OPENS="--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
 --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
 --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
 --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
 --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.text=ALL-UNNAMED
 --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
 --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
 --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"

stop() {
  [ -n "${JM:-}" ] && kill "$JM" 2>/dev/null || true
  [ -n "${TM:-}" ] && kill "$TM" 2>/dev/null || true
}
trap stop EXIT

java $OPENS -Xmx700m -cp "$CP" org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
    --configDir "$CONF" > "$WORK/jobmanager.log" 2>&1 &
JM=$!
# the TaskManager's JVM sizes and memory options, computed from the configuration as taskmanager.sh does
mapfile -t P < <(java -cp "$CP" org.apache.flink.runtime.util.bash.BashJavaUtils GET_TM_RESOURCE_PARAMS \
    --configDir "$CONF" 2>/dev/null | grep BASH_JAVA_UTILS_EXEC_RESULT | tail -2 | sed 's/BASH_JAVA_UTILS_EXEC_RESULT://')
# shellcheck disable=SC2086
java $OPENS ${P[0]} -cp "$CP" org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$CONF" ${P[1]} \
    > "$WORK/taskmanager.log" 2>&1 &
TM=$!
for i in $(seq 1 90); do
  curl -s localhost:18081/overview | grep -q '"taskmanagers":1' && break
  [ "$i" = 90 ] && { echo "the cluster did not come up: see $WORK/*.log" >&2; exit 1; }
  sleep 1
done
echo "cluster: $(curl -s localhost:18081/overview)"

# an account, and its keyword ensemble trained on all but the last 15 days
[ -f "$WORK/report.csv" ] || java -jar "$CLI" sample --output "$WORK/report.csv" --keywords 200 --days 60
[ -d "$WORK/models" ] || java -jar "$CLI" train --input "$WORK/report.csv" --models "$WORK/models" \
    --entity-type keyword --as-of 2026-02-14

rm -rf "$WORK/out"
FLINK_CONF_DIR=$CONF java $OPENS -cp "$CP" org.apache.flink.client.cli.CliFrontend run \
    -c io.ppcanomaly.flink.PpcAnomalyJob "$JOB" --input "$WORK/report.csv" --models "$WORK/models" \
    --output "$WORK/out" --levels keyword --checkpoint-ms 5000 2>&1 | grep -v ' WARN ' | tee "$WORK/submit.log"
grep -q 'has finished' "$WORK/submit.log"

# the same 15 days with the same model through the CLI, and the two alert sets compared
java -jar "$CLI" detect --input "$WORK/report.csv" --models "$WORK/models" --backtest-days 15 \
    --output "$WORK/cli.json" > /dev/null
python3 - "$WORK" <<'PY'
import glob, json, sys
w = sys.argv[1]
job = {(a["entity_id"], a["period"]): a for f in glob.glob(w + "/out/*/*") for a in map(json.loads, open(f))}
cli = {(a["entity_id"], a["period"]): a for a in json.load(open(w + "/cli.json"))["alerts"]}
same = set(job) & set(cli)
diff = max((abs(job[k]["anomaly_score"] - cli[k]["anomaly_score"]) for k in same), default=0)
sev = sum(job[k]["severity"] != cli[k]["severity"] for k in same)
print(f"alerts: cluster job {len(job)}, CLI {len(cli)}, both {len(same)}; "
      f"largest score difference {diff}; severities differing {sev}")
sys.exit(0 if job.keys() == cli.keys() and sev == 0 and diff < 1e-4 else 1)
PY
