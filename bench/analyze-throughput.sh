#!/usr/bin/env bash
# Throughput and peak memory of `ci-gate analyze` on generated access logs.
#
#   bench/analyze-throughput.sh [DIR]
#
# Generates (once, into DIR, default a new temp dir; ~1.3 GB for the default sizes) logs of SIZES lines
# (default "1000000 5000000") with a planted v1.3 rollout, plus a gzip copy of the largest, then runs
# `java -jar ci-gate/target/ci-gate.jar analyze --log FILE --format json` under GNU time for each, with the
# JVM's default heap and again with -Xmx128m (a run that fits 128 MB at every size shows memory is flat in
# the file size). Prints a Markdown table: lines/s is lines / wall-clock seconds, JVM start included.
# The machine may be shared: the 1-minute load average is printed with every row.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/time ]; then
  echo "GNU time is missing: apt-get install -y time" >&2
  exit 1
fi
DIR=${1:-$(mktemp -d)}
SIZES=${SIZES:-"1000000 5000000"}
mkdir -p "$DIR"

./mvnw -B -q -o -pl ci-gate -am package -DskipTests 2>/dev/null || ./mvnw -B -q -pl ci-gate -am package -DskipTests
CP=ci-gate/target/test-classes:ci-gate/target/ci-gate.jar

largest=""
largestLines=0
for n in $SIZES; do
  f="$DIR/access-$n.jsonl"
  [ -s "$f" ] || java -cp "$CP" io.scoregate.gate.analyze.IncidentLogGenerator "$f" "$n"
  largest="$f"
  largestLines=$n
done
[ -s "$largest.gz" ] || gzip -1 -k -c "$largest" > "$largest.gz"

run() { # file lines heap-label java-options...
  local file=$1 lines=$2 label=$3
  shift 3
  /usr/bin/time -v java "$@" -jar ci-gate/target/ci-gate.jar analyze --log "$file" --format json \
    > "$DIR/out.json" 2> "$DIR/time.txt"
  grep -q '"primaryCause" : "modelVersion=v1.3"' "$DIR/out.json" || { echo "wrong answer for $file" >&2; exit 1; }
  awk -v lines="$lines" -v name="$(basename "$file")" -v size="$(du -m "$file" | cut -f1)" -v heap="$label" \
      -v load="$(cut -d' ' -f1 /proc/loadavg)" '
    /Elapsed \(wall clock\)/ { n = split($NF, t, ":"); wall = (n == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
    /User time/ { cpu += $NF } /System time/ { cpu += $NF }
    /Maximum resident set size/ { rss = $NF / 1024 }
    END { printf "| %s | %d | %d MB | %s | %.2f | %.0f | %.2f | %.0f | %s |\n", name, lines, size, heap, wall, lines / wall, cpu, rss, load }
  ' "$DIR/time.txt"
}

echo "| log | lines | size | heap | wall s | lines/s | CPU s (user+sys) | peak RSS MB | load avg 1 min |"
echo "|---|---:|---:|---|---:|---:|---:|---:|---:|"
for n in $SIZES; do
  run "$DIR/access-$n.jsonl" "$n" "default"
  run "$DIR/access-$n.jsonl" "$n" "-Xmx128m" -Xmx128m
done
run "$largest.gz" "$largestLines" "default"
