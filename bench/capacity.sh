#!/usr/bin/env bash
# What capacity each shipped model reaches on this machine, as `compare --capacity` measures it: starts the packaged
# scoring service on a free loopback port (no drills unless V13_EXTRA_EVALUATIONS is set), runs
# `compare --capacity --baseline v1.2 --candidate v1.3` against it, and prints both versions' rate-to-p95 curves and
# the verdict. The load generator shares the machine's cores with the service: where it falls behind before either
# version fails, the capacities printed are lower bounds (the verdict says so). Load goes to 127.0.0.1 only; the run
# is bounded by the plan the gate prints first.
#
# Usage: bench/capacity.sh            (after ./mvnw -B package -DskipTests; needs python3)
# Env:   RATE=100 (first step, req/s)  FACTOR=1.25 (the gate's default)  STEPS=15  MAX_RATE=100000  STEP_SECONDS=5  WARMUP_SECONDS=2
#        POLICY=<file> (default: the built-in policy: p95 <= 250 ms, timeouts <= 1%, minRatio 0.8)
#        V13_EXTRA_EVALUATIONS=N  the CPU-cost drill on v1.3 (scoregate.drill."v1.3".extra-evaluations)
#        GATE_JAVA_OPTS="..." JVM options of the compare process
set -euo pipefail
cd "$(dirname "$0")/.."

GATE_JAR=ci-gate/target/ci-gate.jar
SERVICE_JAR=service/target/quarkus-app/quarkus-run.jar
for f in "$GATE_JAR" "$SERVICE_JAR"; do
  [[ -f $f ]] || { echo "missing $f: run ./mvnw -B package -DskipTests first" >&2; exit 1; }
done

RATE=${RATE:-100}
FACTOR=${FACTOR:-1.25}
STEPS=${STEPS:-15}
MAX_RATE=${MAX_RATE:-100000}
STEP_SECONDS=${STEP_SECONDS:-5}
WARMUP_SECONDS=${WARMUP_SECONDS:-2}
V13_EXTRA_EVALUATIONS=${V13_EXTRA_EVALUATIONS:-0}
WORK=$(mktemp -d /tmp/capacity-bench.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
TARGET="http://127.0.0.1:$PORT"

java -Xmx512m -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" -Dscoregate.data-dir="$WORK/data" \
  -Dscoregate.drill.\"v1.3\".extra-evaluations="$V13_EXTRA_EVALUATIONS" \
  -jar "$SERVICE_JAR" >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
trap 'kill $SERVICE_PID 2>/dev/null || true; wait $SERVICE_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  curl -fs "$TARGET/q/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "$TARGET/q/health/ready" >/dev/null || { echo "service did not start; see $WORK/service.log" >&2; exit 1; }

# a staging service has served traffic before it is compared: warm both versions' code paths (a fresh JVM's first
# v1.3 requests, 300 trees interpreted, are slower than it will ever be again) with a plain compare, result ignored
java ${GATE_JAVA_OPTS:-} -jar "$GATE_JAR" compare --target "$TARGET" --baseline v1.2 --candidate v1.3 \
  --report-dir "$WORK/warmup" --now 2026-11-25T10:00:00+03:00 --rate 200 --duration 10s --warmup 2s \
  >"$WORK/warmup.log" 2>&1 || true

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); before: $(uptime)"
echo "service: $TARGET (v1.3 extra evaluations: $V13_EXTRA_EVALUATIONS; files in $WORK)"
POLICY_FLAGS=()
[[ -n ${POLICY:-} ]] && POLICY_FLAGS=(--policy "$POLICY")
# --now: a Wednesday morning in Nairobi, so the default weekend freeze never stops a benchmark
set +e
# shellcheck disable=SC2086
java ${GATE_JAVA_OPTS:-} -jar "$GATE_JAR" compare --capacity --target "$TARGET" --baseline v1.2 --candidate v1.3 \
  --report-dir "$WORK/report" --now 2026-11-25T10:00:00+03:00 "${POLICY_FLAGS[@]}" --rate "$RATE" \
  --capacity-factor "$FACTOR" --capacity-steps "$STEPS" --capacity-max-rate "$MAX_RATE" \
  --duration "${STEP_SECONDS}s" --warmup "${WARMUP_SECONDS}s" --timeout 2s 2>&1 | grep -v '^Reports:'
EXIT=${PIPESTATUS[0]}
set -e
echo "after: $(uptime)"
python3 - "$WORK/report/gate-report.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))["capacity"]
def cell(s):
    if s is None:
        return "%10s %9s %-8s" % ("-", "-", "-")
    p95 = "n/a" if s["p95Ms"] is None else "%.1f" % s["p95Ms"]
    return "%10s %8.2f%% %-8s" % (p95, 100 * s["timeoutRate"], s["status"])
print("\n%9s | %10s %9s %-8s | %10s %9s %-8s" % ("rate/s", "v1.2 p95", "timeouts", "SLO", "v1.3 p95", "timeouts", "SLO"))
for s in c["steps"]:
    print("%9.0f | %s | %s" % (s["ratePerSecond"], cell(s["baseline"]), cell(s["candidate"])))
print("\nbaseline %s: %s" % (c["baseline"]["version"], c["baseline"]["description"]))
print("candidate %s: %s" % (c["candidate"]["version"], c["candidate"]["description"]))
print("stopped: %s%s; verdict %s" % (c["stop"], " (capacities are lower bounds)" if c["lowerBoundsOnly"] else "", c["verdict"]))
PY
echo "compare exit code: $EXIT"
