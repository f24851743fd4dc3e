#!/usr/bin/env bash
# Measures, on the packaged jar (./mvnw -B package -pl service first):
#   1. JVM start to the first 200 of POST /risk-score (STARTS starts, default 5; median and range),
#   2. a bare Quarkus JSON POST (/bench/echo: Jackson in, Jackson out, a response of the same size) under
#      wrk -t2 -c32,
#   3. POST /risk-score pinned to v1.2 (scoring, routing, metrics, sliding windows, access log) the same way,
#   4. the same pinned to v1.3 (300-tree ensemble), for reference.
# 2-4 run as ROUNDS (default 5) rounds of DURATION each, interleaved: on a shared 2-core machine throughput
# drifts by 2x within a minute, so each round's ratio compares two runs seconds apart, and the summary gives
# the median ratio over the rounds as well as every round's own.
# The service is started the way the README's run command starts it: service/run.sh (from its directory,
# with the AppCDS archive the build writes).
# Usage: [ROUNDS=5] [STARTS=5] bench/wrk-risk-score.sh [port] [duration]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PORT="${1:-18080}"
DURATION="${2:-5s}"
ROUNDS="${ROUNDS:-5}"
STARTS="${STARTS:-5}"
APP=service/target/quarkus-app
[ -f "$APP/quarkus-run.jar" ] || { echo "missing $APP/quarkus-run.jar: run ./mvnw -B package -pl service first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; JVM: $(java -version 2>&1 | head -1)"
[ -f "$APP/app-cds.jsa" ] && echo "AppCDS archive: $APP/app-cds.jsa" || echo "no AppCDS archive: plain start"
URL="http://127.0.0.1:$PORT"
BODY='{"applicationId":"bench-0001","lenderId":"bench-bank","sector":"RETAIL","businessAgeMonths":36,"monthlyRevenueKes":250000,"revenueVolatility":0.2,"mobileMoneyTxnsPerMonth":120,"existingDebtKes":100000,"priorLoansRepaid":2,"priorDefaults":0,"crbScore":700,"requestedAmountKes":300000,"tenorMonths":12}'
PID=""
DATA=""
cleanup() {
  [ -n "$PID" ] && { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
  [ -n "$DATA" ] && rm -rf "$DATA"
  return 0
}
trap cleanup EXIT

# Starts the service on a fresh data directory; STARTED_MS is the time from launch to the first 200.
start_service() {
  DATA="$(mktemp -d)"
  local start_ns first_ns
  start_ns=$(date +%s%N)
  SCOREGATE_DATA_DIR="$DATA" JAVA_OPTS="-Dquarkus.http.port=$PORT -Dscoregate.bench.echo-enabled=true" \
      service/run.sh > "$DATA/service.log" 2>&1 &
  PID=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
              -H 'X-Model-Version: v1.2' -d "$BODY" "$URL/risk-score" || true)" = "200" ]; do
    kill -0 "$PID" 2>/dev/null || { echo "service died:" >&2; cat "$DATA/service.log" >&2; exit 1; }
    sleep 0.005
  done
  first_ns=$(date +%s%N)
  STARTED_MS=$(( (first_ns - start_ns) / 1000000 ))
}

stop_service() {
  kill "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  PID=""
}

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

echo "== JVM start to first 200 of /risk-score, $STARTS starts"
starts=()
for i in $(seq 1 "$STARTS"); do
  start_service
  starts+=("$STARTED_MS")
  echo "start $i: $STARTED_MS ms (Quarkus: $(grep -o 'started in [0-9.]*s' "$DATA/service.log"))"
  stop_service
  rm -rf "$DATA"; DATA=""
done
echo "start to first 200: median $(printf '%s\n' "${starts[@]}" | median) ms, range $(printf '%s\n' "${starts[@]}" | sort -n | head -1)-$(printf '%s\n' "${starts[@]}" | sort -n | tail -1) ms"

start_service
# The JIT compiles for well over 10 s of load on 2 cores (C2 threads busy in a profile), and /risk-score has
# more code to compile than the bare endpoint: a short warm-up measures the compiler, not the service.
echo "== warm-up (20 s each for the two compared endpoints, 10 s for v1.3; not measured)"
wrk -t2 -c32 -d20s -s "$ROOT/bench/post-json.lua" "$URL/bench/echo" > /dev/null
wrk -t2 -c32 -d20s -s "$ROOT/bench/post-json.lua" "$URL/risk-score" -- v1.2 > /dev/null
wrk -t2 -c32 -d10s -s "$ROOT/bench/post-json.lua" "$URL/risk-score" -- v1.3 > /dev/null

rate() { grep -o 'Requests/sec: *[0-9.]*' | awk '{printf "%d", $2}'; }
ratios=()
echo "| round | /bench/echo req/s | /risk-score v1.2 req/s | v1.2 share | /risk-score v1.3 req/s | v1.2 p99 |"
echo "|---|---:|---:|---:|---:|---:|"
for round in $(seq 1 "$ROUNDS"); do
  echo_out=$(wrk -t2 -c32 -d"$DURATION" --latency -s "$ROOT/bench/post-json.lua" "$URL/bench/echo")
  v12_out=$(wrk -t2 -c32 -d"$DURATION" --latency -s "$ROOT/bench/post-json.lua" "$URL/risk-score" -- v1.2)
  v13_out=$(wrk -t2 -c32 -d"$DURATION" --latency -s "$ROOT/bench/post-json.lua" "$URL/risk-score" -- v1.3)
  for out in "$echo_out" "$v12_out" "$v13_out"; do
    if grep -q 'Non-2xx' <<< "$out"; then
      echo "a run had non-200 answers:" >&2; echo "$out" >&2; exit 1
    fi
  done
  e=$(rate <<< "$echo_out"); v=$(rate <<< "$v12_out"); t=$(rate <<< "$v13_out")
  p99=$(awk '$1 == "99%" {print $2}' <<< "$v12_out")
  share=$(awk -v v="$v" -v e="$e" 'BEGIN {printf "%.0f", 100 * v / e}')
  ratios+=("$share")
  echo "| $round | $e | $v | $share% | $t | $p99 |"
done
echo "v1.2 share of the bare endpoint: median $(printf '%s\n' "${ratios[@]}" | median)% over $ROUNDS rounds"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "access-log lines written: $(wc -l < "$DATA/access.jsonl")"
