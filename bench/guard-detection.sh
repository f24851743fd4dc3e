#!/usr/bin/env bash
# Issue 9's guard targets on the packaged jar (./mvnw -B -o package -pl service -am -DskipTests first): one
# instance at its default guard settings, the Friday-slowed v1.3 (700 ms added, 80% run into the 500 ms deadline)
# at 5%, unpinned requests with a fresh applicationId each.
#   target 1: 2 req/s in all  -> v1.3 at 0% within 120 s, after at most 8 candidate requests
#   target 2: 10 req/s in all -> within 20 s
# Each scenario runs RUNS times (default 3) on a fresh JVM; every run prints one line (bench/GuardDetection.java):
# time from the canary's PUT to the rollback seen in GET /admin/routing, and the v1.3 requests served.
# Usage: [RUNS=3] bench/guard-detection.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-3}"
FRIDAY=('scoregate.drill."v1.3".added-latency-ms=700' 'scoregate.drill."v1.3".timeout-probability=0.8')
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; $(java -version 2>&1 | head -1)"
for rate in 2 10; do
  for run in $(seq 1 "$RUNS"); do
    echo -n "run $run: "
    java bench/GuardDetection.java "$rate" 5 180 "${FRIDAY[@]}"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
