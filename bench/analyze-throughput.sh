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
#
# Then analyze against DuckDB on the largest plain log (issue 13): an embedded DuckDB (org.duckdb:duckdb_jdbc,
# fetched into DIR by Maven, not a project dependency) runs bench/DuckDbAnalyze.java, which reads the same file and
# aggregates what analyze aggregates (per minute and status, count and latency sums for all requests and for each
# value of each dimension). Both run as whole processes (JVM start included, DuckDB's single-file source launch
# included), interleaved and alternating which goes first, ROUNDS times (default 3); the second table gives the
# median wall, CPU and peak RSS of each and the ratio DuckDB wall / analyze wall (above 1: analyze is faster).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/time ]; then
  echo "GNU time is missing: apt-get install -y time" >&2
  exit 1
fi
DIR=${1:-$(mktemp -d)}
SIZES=${SIZES:-"1000000 5000000"}
ROUNDS=${ROUNDS:-3}
DUCKDB_VERSION=${DUCKDB_VERSION:-1.5.6.0}
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

duckdb="$DIR/duckdb/duckdb_jdbc-$DUCKDB_VERSION.jar"
[ -s "$duckdb" ] || ./mvnw -B -q dependency:copy -Dartifact="org.duckdb:duckdb_jdbc:$DUCKDB_VERSION" \
  -DoutputDirectory="$DIR/duckdb" >&2
plain="$DIR/access-$largestLines.jsonl"

timed() { # label command...: one whole process under GNU time, appended to $DIR/rounds.txt as "label wall cpu rss load"
  local label=$1
  shift
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -v "$@" > "$DIR/$label.out" 2> "$DIR/time.txt"
  awk -v label="$label" -v load="$load" '
    /Elapsed \(wall clock\)/ { n = split($NF, t, ":"); wall = (n == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
    /User time/ { cpu += $NF } /System time/ { cpu += $NF }
    /Maximum resident set size/ { rss = $NF / 1024 }
    END { printf "%s %.2f %.2f %.0f %s\n", label, wall, cpu, rss, load }
  ' "$DIR/time.txt" >> "$DIR/rounds.txt"
}
analyze() { timed analyze java -jar ci-gate/target/ci-gate.jar analyze --log "$plain" --format json; }
# compiled once here, so that neither process pays for compiling source in the timed runs
mkdir -p "$DIR/duckdb-classes"
javac -d "$DIR/duckdb-classes" -cp "$duckdb" bench/DuckDbAnalyze.java
duck() { timed duckdb java -cp "$duckdb:$DIR/duckdb-classes" DuckDbAnalyze "$plain"; }

: > "$DIR/rounds.txt"
for r in $(seq "$ROUNDS"); do
  if [ $((r % 2)) -eq 1 ]; then analyze; duck; else duck; analyze; fi
  grep -q '"primaryCause" : "modelVersion=v1.3"' "$DIR/analyze.out" || { echo "wrong answer from analyze" >&2; exit 1; }
  valid=$(grep -o '"validRecords" : [0-9]*' "$DIR/analyze.out" | grep -o '[0-9]*$')
  grep -q "requests=$valid\$" "$DIR/duckdb.out" || { echo "DuckDB counted $(cat "$DIR/duckdb.out"), analyze $valid" >&2; exit 1; }
done

echo
echo "analyze vs DuckDB $DUCKDB_VERSION on $(basename "$plain") ($largestLines lines), $ROUNDS rounds interleaved; $(nproc) cores"
echo
echo "| process | median wall s | median CPU s (user+sys) | median peak RSS MB | wall s per round | load avg 1 min per run |"
echo "|---|---:|---:|---:|---|---|"
for who in analyze duckdb; do
  awk -v who="$who" 'BEGIN { n = 0 } $1 == who { w[n] = $2; c[n] = $3; m[n] = $4; walls = walls sep $2; loads = loads sep $5; sep = ", "; n++ }
    function median(a, k,   i, j, t) { for (i = 0; i < k; i++) for (j = i + 1; j < k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return k % 2 ? a[int(k / 2)] : (a[k / 2 - 1] + a[k / 2]) / 2 }
    END { printf "| %s | %.2f | %.2f | %.0f | %s | %s |\n", who, median(w, n), median(c, n), median(m, n), walls, loads }
  ' "$DIR/rounds.txt"
done
awk '$1 == "analyze" { a[na++] = $2 } $1 == "duckdb" { d[nd++] = $2 }
  function median(x, k,   i, j, t) { for (i = 0; i < k; i++) for (j = i + 1; j < k; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
    return k % 2 ? x[int(k / 2)] : (x[k / 2 - 1] + x[k / 2]) / 2 }
  END { printf "\nDuckDB / analyze, median wall: %.2f (analyze is %.2fx faster)\n", median(d, nd) / median(a, na), median(d, nd) / median(a, na) }
' "$DIR/rounds.txt"
echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
