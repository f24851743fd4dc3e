#!/usr/bin/env bash
# Does the service see its own queue? The packaged jar on one core (taskset), wrk with many connections on the
# other; prints the clients' latency (wrk) beside the latency the service recorded in its access log for the same
# requests, and how many it answered 504 at the deadline.
#   bash bench/saturation.sh [jar] [connections] [seconds]
# Needs wrk and taskset. Default jar: service/target/quarkus-app/quarkus-run.jar (build it first).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR="$(realpath "${1:-service/target/quarkus-app/quarkus-run.jar}")"
CONNS="${2:-4000}"
SECS="${3:-10}"
PORT="${PORT:-18090}"
WORK="$(mktemp -d)"
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
(cd "$WORK" && exec taskset -c 0 java -Dquarkus.http.port="$PORT" -Dquarkus.http.io-threads=1 -jar "$JAR" \
  >"$WORK/service.log" 2>&1) &
PID=$!
for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready" && break; sleep 0.5; done
# warm-up at a load the core can take, then the saturating run
taskset -c 1 wrk -t1 -c32 -d8s -s bench/post-json.lua "http://127.0.0.1:$PORT/risk-score" >/dev/null
sleep 1
SKIP=$(wc -l < "$WORK/data/access.jsonl")
echo "== wrk -t1 -c$CONNS -d${SECS}s (clients)"
taskset -c 1 wrk -t1 -c"$CONNS" -d"${SECS}s" --timeout 10s --latency -s bench/post-json.lua \
  "http://127.0.0.1:$PORT/risk-score" | grep -E '^ +(50|90|99)%|Requests/sec|Non-2xx|Socket errors'
sleep 2
echo "== the service's access log (the same requests)"
tail -n +"$((SKIP + 1))" "$WORK/data/access.jsonl" | python3 -c '
import sys, json, collections
rows = [json.loads(l) for l in sys.stdin if l.strip()]
lat = sorted(r["latencyMs"] for r in rows)
q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))]
print("lines %d  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms  outcomes %s" % (
    len(lat), q(.5), q(.9), q(.99), lat[-1], dict(collections.Counter(r["status"] for r in rows))))'
