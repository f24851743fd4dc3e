#!/usr/bin/env bash
# Measures the resident memory of the packaged service under load, to size the Kubernetes Deployment's
# memory request and limit (deploy/kubernetes/scoregate.yaml).
# The JVM gets the options the Deployment gives it (JAVA_OPTS there) and sees MEMORY_LIMIT as its machine's
# memory (-XX:MaxRAM, what a container limit does), so its heap is sized as in the pod. wrk then drives
# POST /risk-score pinned to v1.2 and to v1.3 (the 300-tree ensemble), DURATION each, with the access log
# and every meter on, while VmRSS is sampled every second; the peak (VmHWM) is what the limit must hold.
# Usage: [MEMORY_LIMIT=768m] [DURATION=60s] bench/rss-under-load.sh [port]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PORT="${1:-18095}"
MEMORY_LIMIT="${MEMORY_LIMIT:-768m}"
DURATION="${DURATION:-60s}"
APP=service/target/quarkus-app
[ -f "$APP/quarkus-run.jar" ] || { echo "missing $APP/quarkus-run.jar: run ./mvnw -B package -pl service -am first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
DATA="$(mktemp -d)"
PID=""
SAMPLER=""
cleanup() {
  [ -n "$SAMPLER" ] && { kill "$SAMPLER" 2>/dev/null || true; }
  [ -n "$PID" ] && { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
  rm -rf "$DATA"
  return 0
}
trap cleanup EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; JVM: $(java -version 2>&1 | head -1)"
SCOREGATE_DATA_DIR="$DATA" \
  JAVA_OPTS="-XX:MaxRAM=$MEMORY_LIMIT -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Dquarkus.http.port=$PORT" \
  service/run.sh > "$DATA/service.log" 2>&1 &
PID=$!
URL="http://127.0.0.1:$PORT"
until curl -sf -o /dev/null "$URL/q/health/ready"; do
  kill -0 "$PID" 2>/dev/null || { echo "service died:" >&2; cat "$DATA/service.log" >&2; exit 1; }
  sleep 0.1
done
rss_kib() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$PID/status"; }
echo "started: RSS $(( $(rss_kib VmRSS) / 1024 )) MiB; max heap $(java -XX:MaxRAM=$MEMORY_LIMIT -XX:MaxRAMPercentage=75 -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2 == "MaxHeapSize" {print int($4/1048576)}') MiB"
( while kill -0 "$PID" 2>/dev/null; do rss_kib VmRSS >> "$DATA/rss.txt"; sleep 1; done ) &
SAMPLER=$!
for version in v1.2 v1.3; do
  wrk -t2 -c32 -d"$DURATION" -s "$ROOT/bench/post-json.lua" "$URL/risk-score" -- "$version" > "$DATA/wrk-$version.txt"
  echo "wrk $version: $(awk '/Requests\/sec/ {print $2}' "$DATA/wrk-$version.txt") req/s," \
       "$(grep -c . "$DATA/access.jsonl" 2>/dev/null || echo 0) access-log lines so far; RSS now $(( $(rss_kib VmRSS) / 1024 )) MiB"
  grep -q "Non-2xx" "$DATA/wrk-$version.txt" && grep "Non-2xx" "$DATA/wrk-$version.txt"
done
echo "peak RSS (VmHWM): $(( $(rss_kib VmHWM) / 1024 )) MiB; sampled: median $(sort -n "$DATA/rss.txt" | awk '{v[NR]=$1} END {print int(v[int((NR+1)/2)]/1024)}') MiB, max $(sort -n "$DATA/rss.txt" | tail -1 | awk '{print int($1/1024)}') MiB over $(wc -l < "$DATA/rss.txt") samples"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
