#!/usr/bin/env bash
# Finds the highest arrival rate `compare` holds against the local scoring service within 1% of schedule
# (achieved send rate >= 99% of the planned rate, from the runner's <access-log>.schedule.json, AND >= 99% of
# the measured requests answered OK: a generator that sends on time but whose requests all time out is not
# measuring the service), and beside
# it what wrk (closed loop, as fast as it can) reaches on the same endpoint against the same service, in the
# same run. Load goes to 127.0.0.1 only; every step is bounded in time.
#
# Usage: bench/compare-rate.sh            (after ./mvnw package; needs wrk and python3)
# Env:   RATES="100 200 400 ..."  STEP_SECONDS=10  WARMUP_SECONDS=10 (compare's default ramp)  WRK_CONNECTIONS=64
# wrk runs twice, before the compare steps and after them (when the service is warmest); the reference is the
# higher of the two, so the share of wrk's rate is not flattered by a service still warming up for wrk.
#        COMPARE_FLAGS="..." extra flags for compare (its flag names are the CLI's own).
#        GATE_JAVA_OPTS="..." JVM options of the compare process
set -euo pipefail
cd "$(dirname "$0")/.."

GATE_JAR=ci-gate/target/ci-gate.jar
SERVICE_JAR=service/target/quarkus-app/quarkus-run.jar
for f in "$GATE_JAR" "$SERVICE_JAR"; do
  [[ -f $f ]] || { echo "missing $f: run ./mvnw -B package -DskipTests first" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "GNU time is not installed (apt-get install time)" >&2; exit 1; }

RATES=${RATES:-"100 200 400 800 1200 1600 2400 3200 4800 6400"}
STEP_SECONDS=${STEP_SECONDS:-10}
WARMUP_SECONDS=${WARMUP_SECONDS:-10}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-64}
WORK=$(mktemp -d /tmp/compare-rate.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
TARGET="http://127.0.0.1:$PORT"

java -Xmx512m -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" -Dscoregate.data-dir="$WORK/data" \
  -jar "$SERVICE_JAR" >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
trap 'kill $SERVICE_PID 2>/dev/null || true; wait $SERVICE_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  curl -fs "$TARGET/q/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "$TARGET/q/health/ready" >/dev/null || { echo "service did not start; see $WORK/service.log" >&2; exit 1; }

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "service: $TARGET (data $WORK/data)"

# wrk: one representative application body, pinned to v1.2, on /risk-score
BODY='{"applicationId":"bench-1","lenderId":"lender-ke-01","sector":"RETAIL","businessAgeMonths":36,"monthlyRevenueKes":300000,"revenueVolatility":0.2,"mobileMoneyTxnsPerMonth":250,"existingDebtKes":50000,"priorLoansRepaid":2,"priorDefaults":0,"crbScore":640,"requestedAmountKes":450000,"tenorMonths":12}'
cat >"$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.body   = '$BODY'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Model-Version"] = "v1.2"
LUA
wrk -t2 -c"$WRK_CONNECTIONS" -d5s -s "$WORK/post.lua" "$TARGET/risk-score" >/dev/null  # warm the service's JIT
wrk -t2 -c"$WRK_CONNECTIONS" -d"${STEP_SECONDS}s" --latency -s "$WORK/post.lua" "$TARGET/risk-score" | tee "$WORK/wrk.txt"
WRK_RPS=$(awk '/^Requests\/sec/ {print $2}' "$WORK/wrk.txt")
WRK_NON2XX=$(awk '/Non-2xx/ {print $NF}' "$WORK/wrk.txt")

printf '\n%-8s %-10s %-8s %-10s %-10s %-8s %-8s %s\n' rate achieved held p99lagMs maxlagMs okPct rssMB exit
BEST=0
for rate in $RATES; do
  dir="$WORK/rate-$rate"
  set +e
  /usr/bin/time -f '%M' -o "$dir.rss" java ${GATE_JAVA_OPTS:-} -jar "$GATE_JAR" compare --target "$TARGET" --baseline v1.2 --candidate v1.2 --endpoints /risk-score \
    --rate "$rate" --duration "${STEP_SECONDS}s" --warmup "${WARMUP_SECONDS}s" --timeout 2s --seed 1 \
    --now 2026-11-25T10:00:00+03:00 --report-dir "$dir" ${COMPARE_FLAGS:-} >"$dir.out" 2>&1
  code=$?
  set -e
  sched=$(find "$dir" -name '*.schedule.json' 2>/dev/null | head -1)
  if [[ -z $sched ]]; then
    echo "rate $rate: compare wrote no schedule summary (exit $code); see $dir.out" >&2
    break
  fi
  log=${sched%.schedule.json}.jsonl
  read -r achieved held p99 maxlag okpct < <(python3 - "$sched" "$log" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
lines = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
ok = sum(1 for l in lines if l["status"] == "OK")
okpct = 100.0 * ok / max(1, len(lines))
print(s["achievedRatePerSecond"], s["heldWithin1Percent"] and okpct >= 99.0, s["p99LagMs"], s["maxLagMs"],
      round(okpct, 2))
PY
)
  rss=$(awk 'END { printf "%.0f", $1 / 1024 }' "$dir.rss" 2>/dev/null || echo "?")
  printf '%-8s %-10s %-8s %-10s %-10s %-8s %-8s %s\n' "$rate" "$achieved" "$held" "$p99" "$maxlag" "$okpct" "$rss" "$code"
  if [[ $held == True ]]; then BEST=$rate; else break; fi
done

echo
echo "highest rate compare held within 1% of schedule: $BEST req/s (steps: $RATES)"
wrk -t2 -c"$WRK_CONNECTIONS" -d"${STEP_SECONDS}s" --latency -s "$WORK/post.lua" "$TARGET/risk-score" > "$WORK/wrk-after.txt"
WRK_AFTER=$(awk '/^Requests\/sec/ {print $2}' "$WORK/wrk-after.txt")
WRK_BEST=$(awk -v a="$WRK_RPS" -v b="$WRK_AFTER" 'BEGIN { print (b > a) ? b : a }')
echo "wrk on the same endpoint: $WRK_RPS req/s before the steps, $WRK_AFTER after, with $WRK_CONNECTIONS connections (non-2xx: ${WRK_NON2XX:-0} before)"
awk -v best="$BEST" -v wrk="$WRK_BEST" 'BEGIN { if (wrk > 0) printf "compare held %.0f%% of wrk'"'"'s closed-loop rate (the higher wrk run; load average now %s)\n", 100 * best / wrk, "'"$(cut -d' ' -f1 /proc/loadavg)"'" }'
echo "work dir: $WORK"
