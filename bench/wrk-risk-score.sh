#!/usr/bin/env bash
# Measures, on the packaged jar (./mvnw -B package -pl service first):
#   1. JVM start to the first 200 of POST /risk-score,
#   2. a bare Quarkus JSON POST (/bench/echo: Jackson in, Jackson out) under wrk -t2 -c32 -d10s,
#   3. POST /risk-score pinned to v1.2 (scoring, routing, metrics, sliding windows, access log) the same way,
#   4. the same pinned to v1.3 (300-tree ensemble), for reference.
# The three measured runs are repeated ROUNDS times (default 2), interleaved, so drift in a shared machine's
# load shows up as a spread instead of silently favouring whichever runs last.
# Usage: [ROUNDS=2] bench/wrk-risk-score.sh [port] [duration]
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${1:-18080}"
DURATION="${2:-10s}"
ROUNDS="${ROUNDS:-2}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
JAR=service/target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || { echo "missing $JAR: run ./mvnw -B package -pl service first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
DATA="$(mktemp -d)"
URL="http://127.0.0.1:$PORT"
BODY='{"applicationId":"bench-0001","lenderId":"bench-bank","sector":"RETAIL","businessAgeMonths":36,"monthlyRevenueKes":250000,"revenueVolatility":0.2,"mobileMoneyTxnsPerMonth":120,"existingDebtKes":100000,"priorLoansRepaid":2,"priorDefaults":0,"crbScore":700,"requestedAmountKes":300000,"tenorMonths":12}'

start_ns=$(date +%s%N)
java -Dquarkus.http.port="$PORT" -Dscoregate.data-dir="$DATA" -Dscoregate.bench.echo-enabled=true \
     -jar "$JAR" > "$DATA/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT

until [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
            -H 'X-Model-Version: v1.2' -d "$BODY" "$URL/risk-score" || true)" = "200" ]; do
  kill -0 $PID 2>/dev/null || { echo "service died:"; cat "$DATA/service.log"; exit 1; }
  sleep 0.01
done
first_ns=$(date +%s%N)
echo "JVM start to first 200: $(( (first_ns - start_ns) / 1000000 )) ms"
grep -o 'started in [0-9.]*s' "$DATA/service.log" | sed 's/^/Quarkus reports: /'

echo "== warm-up (5s each, not measured)"
wrk -t2 -c32 -d5s -s bench/post-json.lua "$URL/bench/echo" > /dev/null
wrk -t2 -c32 -d5s -s bench/post-json.lua "$URL/risk-score" -- v1.2 > /dev/null

for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round: bare Quarkus JSON POST: /bench/echo"
  wrk -t2 -c32 -d"$DURATION" --latency -s bench/post-json.lua "$URL/bench/echo"
  echo "== round $round: /risk-score pinned to v1.2"
  wrk -t2 -c32 -d"$DURATION" --latency -s bench/post-json.lua "$URL/risk-score" -- v1.2
  echo "== round $round: /risk-score pinned to v1.3"
  wrk -t2 -c32 -d"$DURATION" --latency -s bench/post-json.lua "$URL/risk-score" -- v1.3
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== access-log lines written: $(wc -l < "$DATA/access.jsonl")"
