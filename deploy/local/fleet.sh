#!/usr/bin/env bash
# The Friday on one machine, for real (issue 12, item 7).
#
#   deploy/local/fleet.sh up       start the fleet and leave it running (prints its URLs)
#   deploy/local/fleet.sh friday   up, replay the incident write-up against it, print the timeline, down
#   deploy/local/fleet.sh down     stop everything the work dir's PID files name (also after a crashed up)
#
# The fleet: its own redis-server (routing store), three packaged service instances
# (service/target/quarkus-app/quarkus-run.jar, production profile: lender keys, admin token, metrics token) on it,
# nginx in front of them as the load balancer, Prometheus scraping the three instances with the alert rules of
# deploy/prometheus/, Alertmanager routing the alerts to a webhook receiver, which also takes the guard's and the
# gate's notifications. Everything listens on 127.0.0.1 on free ports, runs as the current user, and keeps its
# config, data, logs and PIDs in one work dir: $SCOREGATE_FLEET_DIR (default ${TMPDIR:-/tmp}/scoregate-fleet).
#
# Bounded: every wait has its own limit, and the whole command has one deadline ($SCOREGATE_FLEET_DEADLINE
# seconds, default 170), after which it stops and cleans up. Any exit of friday (success, failure, Ctrl-C,
# SIGTERM) and any failed up stop what was started. Needs: java 17, redis-server, nginx (Debian nginx-light),
# prometheus, promtool, prometheus-alertmanager, node, curl, perl; and the packaged jars (./mvnw -B package
# -DskipTests).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
WORK=${SCOREGATE_FLEET_DIR:-${TMPDIR:-/tmp}/scoregate-fleet}
SERVICE_JAR=${SCOREGATE_SERVICE_JAR:-$REPO/service/target/quarkus-app/quarkus-run.jar}
GATE_JAR=${SCOREGATE_GATE_JAR:-$REPO/ci-gate/target/ci-gate.jar}
DEADLINE_S=${SCOREGATE_FLEET_DEADLINE:-170}
RATE=${SCOREGATE_FLEET_RATE:-50}           # lender requests per second through nginx
BASELINE_S=${SCOREGATE_FLEET_BASELINE:-10} # steady traffic before the canary
STEPS=25,50,100                             # the rollout's canary steps (see replay)
WARMUP=150                                  # requests to warm the JVMs with before the steady traffic
RULES=$REPO/deploy/prometheus/scoregate-rules.yml
# The committed rules are production's (a 10-minute rollback window, `for: 2m`): locally every duration in
# them (range selectors, `for:`, and the 300 s that turns a 5-minute rate into a request count) is divided by
# this, so an alert fires and resolves within the replay. Nothing else in an expression changes.
RULE_SPEEDUP=20
# No local `for:` shorter than two scrapes, so one late scrape cannot fire an alert by itself.
MIN_FOR_MS=4000
SCRAPE=2s
INSTANCES=3
LENDERS=(ke-lender-01 ke-lender-02 ke-lender-03)

START_S=$(date +%s)
STARTED_HERE=""   # set once this invocation has started something it must stop on a failure

say() { printf 'fleet: %s\n' "$*"; }
fail() { printf 'fleet: FAILED: %s\n' "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }
remaining() { echo $((DEADLINE_S - ($(date +%s) - START_S))); }

# Fails once the global deadline has passed (call it in this shell, not in a $(...)).
check_deadline() {
  [ "$(remaining)" -gt 0 ] || fail "the global deadline of ${DEADLINE_S} s (SCOREGATE_FLEET_DEADLINE) has passed"
}

# The smaller of a step's own limit and what is left of the global deadline (at least 1 s).
bounded() {
  local left
  left=$(remaining)
  [ "$left" -ge 1 ] || left=1
  if [ "$1" -lt "$left" ]; then echo "$1"; else echo "$left"; fi
}

# A whole number from the environment within its range, or exit 4 naming it.
require_int() {
  local name=$1 value=$2 min=$3 max=$4
  if ! [[ "$value" =~ ^[0-9]+$ ]] || [ "$value" -lt "$min" ] || [ "$value" -gt "$max" ]; then
    printf 'fleet: `%s` must be a whole number between %s and %s, but was '"'"'%s'"'"'\n' "$name" "$min" "$max" "$value" >&2
    exit 4
  fi
}
require_int SCOREGATE_FLEET_DEADLINE "$DEADLINE_S" 30 3600
require_int SCOREGATE_FLEET_RATE "$RATE" 5 500
require_int SCOREGATE_FLEET_BASELINE "$BASELINE_S" 1 600

# wait_for LIMIT_S WHAT COMMAND...: polls COMMAND every 0.5 s until it succeeds, at most LIMIT_S seconds.
wait_for() {
  local limit what until
  check_deadline
  limit=$(bounded "$1")
  what=$2
  shift 2
  until=$(($(date +%s) + limit))
  while ! "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$until" ]; then
      fail "$what: not within ${limit} s"
    fi
    sleep 0.5 # polling processes this script started; there is no event to wait on
  done
}

# The timeline: epoch-ms TAB source TAB text, one line per event (the webhook receiver appends to it too).
mark() { printf '%s\t%s\t%s\n' "$(now_ms)" "$1" "$2" >>"$WORK/events.tsv"; }
# mark_at ISO-8601 SOURCE TEXT: an event with the time another system recorded for it.
mark_at() { printf '%s\t%s\t%s\n' "$(date -d "$1" +%s%3N)" "$2" "$3" >>"$WORK/events.tsv"; }

# js 'expression using d' < JSON: one value out of a JSON document (node is needed anyway, for the receiver).
# weights(w) inside the expression: a routing table's weights as "v1.2=75 v1.3=25", in version order.
js() {
  node -e 'const weights = w => Object.keys(w).sort().map(v => `${v}=${w[v]}`).join(" ");
    let s = ""; process.stdin.on("data", c => s += c).on("end", () => {
      const d = JSON.parse(s); const v = ('"$1"'); console.log(typeof v === "object" ? JSON.stringify(v) : v); })'
}

http_ok() { curl -fsS -o /dev/null --max-time 3 "$@"; }
admin_get() { curl -fsS --max-time 5 -H "Authorization: Bearer $(cat "$WORK/secrets/admin-token")" "$1"; }

require_tools() {
  local missing=() t
  for t in java redis-server redis-cli nginx prometheus promtool prometheus-alertmanager node curl perl timeout; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    fail "missing: ${missing[*]} (Debian: apt-get install redis-server nginx-light prometheus prometheus-alertmanager nodejs curl)"
  fi
  [ -f "$SERVICE_JAR" ] || fail "no packaged service at $SERVICE_JAR: run ./mvnw -B package -DskipTests"
  [ -f "$GATE_JAR" ] || fail "no gate jar at $GATE_JAR: run ./mvnw -B package -DskipTests"
}

# ---------------------------------------------------------------------------------------------------------------
# Processes: each one started here has its PID in $WORK/pids/NAME.pid, and runs with its working directory in
# the work dir, so down can stop exactly these (and, after a crash that lost a PID file, find them by that).

belongs_here() {
  local pid=$1 cwd cmd
  [ -d "/proc/$pid" ] || return 1
  cwd=$(readlink "/proc/$pid/cwd" 2>/dev/null || true)
  cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)
  [[ "$cwd" == "$WORK" || "$cwd" == "$WORK"/* || "$cmd" == *"$WORK"* ]]
}

# start NAME DIR COMMAND...: runs COMMAND in the background, output to DIR/NAME.log, PID recorded; its working
# directory is DIR, or $START_CWD when set (then COMMAND names the work dir in its arguments).
start() {
  local name=$1 dir=$2
  shift 2
  mkdir -p "$dir"
  (cd "${START_CWD:-$dir}" && exec "$@" </dev/null >"$dir/$name.log" 2>&1 7>&- 8>&-) &
  echo $! >"$WORK/pids/$name.pid"
}

alive() { [ -f "$WORK/pids/$1.pid" ] && kill -0 "$(cat "$WORK/pids/$1.pid")" 2>/dev/null; }

# Every process of this work dir, by PID file, then any left without one (a crash between start and its PID file).
fleet_pids() {
  local f pid p
  if [ -d "$WORK/pids" ]; then
    for f in "$WORK"/pids/*.pid; do
      [ -f "$f" ] || continue
      pid=$(cat "$f")
      if belongs_here "$pid"; then echo "$pid"; fi
    done
  fi
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    if [ "$pid" != "$$" ] && [ "$pid" != "$BASHPID" ] && belongs_here "$pid"; then echo "$pid"; fi
  done
}

down() {
  if [ ! -d "$WORK" ]; then
    say "nothing to stop: no work dir at $WORK"
    return 0
  fi
  local pids until left
  pids=$(fleet_pids | sort -u | tr '\n' ' ')
  if [ -n "${pids// /}" ]; then
    say "stopping $(echo "$pids" | wc -w) processes of $WORK"
    # shellcheck disable=SC2086
    kill -TERM $pids 2>/dev/null || true
    until=$(($(date +%s) + 15))
    while [ "$(date +%s)" -lt "$until" ]; do
      left=""
      for pid in $pids; do
        if kill -0 "$pid" 2>/dev/null && belongs_here "$pid"; then left="$left $pid"; fi
      done
      [ -z "$left" ] && break
      sleep 0.2 # waiting for processes to exit after SIGTERM
    done
    for pid in $left; do
      say "process $pid did not stop within 15 s of SIGTERM: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    done
  fi
  rm -f "$WORK"/pids/*.pid
  if [ -f "$WORK/fleet.env" ]; then
    local port open=""
    for port in $(sed -n 's/^[A-Z0-9_]*_PORT=//p' "$WORK/fleet.env"); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then open="$open $port"; fi
    done
    [ -z "$open" ] || say "still listening on 127.0.0.1:$open (not ours, or not yet closed)"
  fi
  say "down: nothing of $WORK is running"
}

# ---------------------------------------------------------------------------------------------------------------
# up

# The global deadline, even for a step that forgot its own: SIGTERM to this script, whose trap cleans up. It runs
# in the work dir with a PID file, so down stops it too after a crash of this script; and it signals only while
# this script is still its parent (after a kill -9, the PID may belong to someone else by the deadline).
start_watchdog() {
  (
    cd "$WORK"
    sleep "$(remaining)" </dev/null 7>&- 8>&-
    if [ "$(cut -d' ' -f4 "/proc/$BASHPID/stat")" = "$$" ]; then
      say "the global deadline of ${DEADLINE_S} s (SCOREGATE_FLEET_DEADLINE) has passed: stopping" >&2
      kill -TERM $$
    fi
  ) </dev/null 7>&- 8>&- &
  WATCHDOG_PID=$!
  echo "$WATCHDOG_PID" >"$WORK/pids/watchdog.pid"
}

free_ports() {
  node -e 'const net=require("net");const n=+process.argv[1];const held=[];let ready=0;
    for(let i=0;i<n;i++){const s=net.createServer();held.push(s);s.listen(0,"127.0.0.1",()=>{if(++ready===n){
      console.log(held.map(h=>h.address().port).join(" "));held.forEach(h=>h.close());}});}' "$1"
}

# The committed rules with every duration divided by RULE_SPEEDUP (`for:` no shorter than MIN_FOR_MS), and the
# 5-minute request count (`rate5m * 300`) following its window. Nothing else in an expression changes.
local_rules() {
  perl -pe '
    sub ms { my ($n, $u) = @_; return $n * {ms => 1, s => 1000, m => 60000, h => 3600000}->{$u}; }
    sub text { my $ms = shift; return $ms % 1000 ? "${ms}ms" : ($ms / 1000) . "s"; }
    s{\[(\d+)(ms|s|m|h)\]}{"[" . text(int(ms($1, $2) / '"$RULE_SPEEDUP"')) . "]"}ge;
    s{(\bfor:\s*)(\d+)(ms|s|m|h)\b}{my $v = int(ms($2, $3) / '"$RULE_SPEEDUP"'); $1 . text($v < '"$MIN_FOR_MS"' ? '"$MIN_FOR_MS"' : $v)}ge;
    s{\* 300 >=}{"* " . (300 / '"$RULE_SPEEDUP"') . " >="}ge;
  ' "$RULES"
}

write_configs() {
  local i targets=""
  for i in $(seq 0 $((INSTANCES - 1))); do
    targets="$targets${targets:+, }\"127.0.0.1:${INSTANCE_PORTS[$i]}\""
  done
  mkdir -p "$WORK/prometheus" "$WORK/alertmanager" "$WORK/nginx/tmp" "$WORK/receiver"
  {
    echo "# Generated by deploy/local/fleet.sh from $RULES: every duration divided by $RULE_SPEEDUP"
    echo "# (range selectors; for:, at least ${MIN_FOR_MS} ms; the 300 s of a 5-minute request count), nothing else changed."
    local_rules
  } >"$WORK/prometheus/scoregate-rules.local.yml"
  cat >"$WORK/prometheus/prometheus.yml" <<EOF
# Generated by deploy/local/fleet.sh: the three local instances, scraped every $SCRAPE.
global:
  scrape_interval: $SCRAPE
  scrape_timeout: $SCRAPE
  evaluation_interval: 1s
rule_files:
  - scoregate-rules.local.yml
alerting:
  alertmanagers:
    - static_configs:
        - targets: ["127.0.0.1:$ALERTMANAGER_PORT"]
scrape_configs:
  - job_name: scoregate
    metrics_path: /q/metrics
    authorization:
      type: Bearer
      credentials_file: $WORK/secrets/metrics-token
    static_configs:
      - targets: [$targets]
EOF
  cat >"$WORK/alertmanager/alertmanager.yml" <<EOF
# Generated by deploy/local/fleet.sh: every alert to the webhook receiver, firing and resolved.
route:
  receiver: fleet-webhook
  group_by: [alertname]
  group_wait: 1s
  group_interval: 2s
  repeat_interval: 1h
receivers:
  - name: fleet-webhook
    webhook_configs:
      - url: http://127.0.0.1:$RECEIVER_PORT/alertmanager
        send_resolved: true
EOF
  local servers="" user=""
  for i in $(seq 0 $((INSTANCES - 1))); do
    servers="$servers    server 127.0.0.1:${INSTANCE_PORTS[$i]} max_fails=3 fail_timeout=5s;
"
  done
  # nginx's master only switches user when it starts as root; then its workers stay this user too
  if [ "$(id -u)" -eq 0 ]; then user="user $(id -un) $(id -gn);"; fi
  cat >"$WORK/nginx/nginx.conf" <<EOF
# Generated by deploy/local/fleet.sh: the load balancer in front of the three instances, loopback only.
$user
worker_processes 1;
daemon on;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  log_format fleet '\$time_iso8601 \$request_method \$request_uri \$status \$request_time '
                   'upstream=\$upstream_addr \$upstream_status version=\$upstream_http_x_model_version';
  access_log $WORK/nginx/access.log fleet;
  client_body_temp_path $WORK/nginx/tmp/body;
  proxy_temp_path $WORK/nginx/tmp/proxy;
  fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
  scgi_temp_path $WORK/nginx/tmp/scgi;
  upstream scoregate {
$servers    keepalive 32;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://scoregate;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_connect_timeout 2s;
      proxy_read_timeout 10s;
      proxy_send_timeout 10s;
    }
  }
}
EOF
}

write_secrets() {
  mkdir -p "$WORK/secrets"
  chmod 700 "$WORK/secrets"
  local id
  token() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
  token >"$WORK/secrets/admin-token"
  token >"$WORK/secrets/metrics-token"
  : >"$WORK/secrets/lender-keys"
  for id in "${LENDERS[@]}"; do
    echo "$id $(token)" >>"$WORK/secrets/lender-keys"
  done
  chmod 600 "$WORK"/secrets/*
}

start_instance() {
  local i=$1 dir="$WORK/instance-$i" id key hash app
  app=$(dirname "$SERVICE_JAR")
  local props=(
    # three JVMs, the gate, Prometheus and nginx share the machine: C1 only and the serial GC keep the JIT and
    # the collector from taking the cores the requests need
    -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
    -Dquarkus.profile=production
    -Dquarkus.http.host=127.0.0.1 "-Dquarkus.http.port=${INSTANCE_PORTS[$i]}"
    "-Dscoregate.data-dir=$dir" "-Dscoregate.instance-id=local-$i"
    -Dscoregate.routing.store=redis "-Dquarkus.redis.hosts=redis://127.0.0.1:$REDIS_PORT"
    -Dscoregate.routing.redis-key-prefix=local-fleet
    "-Dscoregate.admin.token-file=$WORK/secrets/admin-token"
    "-Dscoregate.notify.webhook-url=http://127.0.0.1:$RECEIVER_PORT/guard"
    # the write-up's v1.2 (90-120 ms) and v1.3 (680-890 ms, 80% timeouts, against the 500 ms deadline)
    '-Dscoregate.drill."v1.2".added-latency-ms=100' '-Dscoregate.drill."v1.2".added-latency-spread=0.1'
    '-Dscoregate.drill."v1.3".added-latency-ms=700' '-Dscoregate.drill."v1.3".timeout-probability=0.8'
  )
  while read -r id key; do
    hash=$(printf %s "$key" | sha256sum | cut -d' ' -f1)
    props+=("-Dscoregate.auth.lenders.\"$id\".key-sha256=$hash")
  done <"$WORK/secrets/lender-keys"
  # run from the app directory, as service/run.sh does: the AppCDS archive is only accepted with the jar path
  # it was dumped with
  if [ -f "$app/app-cds.jsa" ]; then props+=(-XX:SharedArchiveFile=app-cds.jsa); fi
  SCOREGATE_HTTP_METRICS_TOKEN=$(cat "$WORK/secrets/metrics-token") START_CWD=$app \
    start "instance-$i" "$dir" java "${props[@]}" -jar "$(basename "$SERVICE_JAR")"
}

targets_up() {
  curl -fsS --max-time 3 "http://127.0.0.1:$PROMETHEUS_PORT/api/v1/query" --data-urlencode 'query=sum(up{job="scoregate"})' \
    | js 'd.data.result.length ? d.data.result[0].value[1] : "0"' | grep -qx "$INSTANCES"
}

up() {
  require_tools
  if [ -d "$WORK/pids" ] && [ -n "$(fleet_pids)" ]; then
    fail "a fleet is already running in $WORK: deploy/local/fleet.sh down first"
  fi
  rm -rf "$WORK"
  mkdir -p "$WORK/pids"
  STARTED_HERE=1
  start_watchdog
  : >"$WORK/events.tsv"
  read -r REDIS_PORT NGINX_PORT PROMETHEUS_PORT ALERTMANAGER_PORT RECEIVER_PORT P0 P1 P2 <<<"$(free_ports 8)"
  INSTANCE_PORTS=("$P0" "$P1" "$P2")
  cat >"$WORK/fleet.env" <<EOF
REDIS_PORT=$REDIS_PORT
NGINX_PORT=$NGINX_PORT
PROMETHEUS_PORT=$PROMETHEUS_PORT
ALERTMANAGER_PORT=$ALERTMANAGER_PORT
RECEIVER_PORT=$RECEIVER_PORT
INSTANCE_0_PORT=$P0
INSTANCE_1_PORT=$P1
INSTANCE_2_PORT=$P2
EOF
  write_secrets
  write_configs
  promtool check rules "$WORK/prometheus/scoregate-rules.local.yml" >/dev/null \
    || fail "the local copy of the rules does not check: promtool check rules $WORK/prometheus/scoregate-rules.local.yml"
  nginx -t -q -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" \
    || fail "nginx rejects $WORK/nginx/nginx.conf"
  mark fleet "up: starting redis, 3 instances, nginx, Prometheus, Alertmanager, webhook receiver"

  mkdir -p "$WORK/redis"
  (cd "$WORK/redis" && redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize yes --pidfile "$WORK/redis/redis.pid" --dir "$WORK/redis" --logfile "$WORK/redis/redis.log" \
    </dev/null >/dev/null 7>&- 8>&-)
  wait_for 10 "redis-server on 127.0.0.1:$REDIS_PORT" test -s "$WORK/redis/redis.pid"
  cp "$WORK/redis/redis.pid" "$WORK/pids/redis.pid"
  wait_for 10 "redis-server answering PING" redis-cli -p "$REDIS_PORT" ping

  start receiver "$WORK/receiver" node "$HERE/webhook-receiver.mjs" --port "$RECEIVER_PORT" \
    --received "$WORK/receiver/received.jsonl" --events "$WORK/events.tsv"
  local i
  for i in $(seq 0 $((INSTANCES - 1))); do
    start_instance "$i"
  done
  start prometheus "$WORK/prometheus" prometheus --config.file="$WORK/prometheus/prometheus.yml" \
    --storage.tsdb.path="$WORK/prometheus/data" --web.listen-address="127.0.0.1:$PROMETHEUS_PORT"
  start alertmanager "$WORK/alertmanager" prometheus-alertmanager --config.file="$WORK/alertmanager/alertmanager.yml" \
    --storage.path="$WORK/alertmanager/data" --web.listen-address="127.0.0.1:$ALERTMANAGER_PORT" \
    --cluster.listen-address=
  (cd "$WORK/nginx" && nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" \
    </dev/null >/dev/null 7>&- 8>&-)
  wait_for 10 "nginx's PID file" test -s "$WORK/nginx/nginx.pid"
  cp "$WORK/nginx/nginx.pid" "$WORK/pids/nginx.pid"

  wait_for 10 "the webhook receiver" bash -c "exec 3<>/dev/tcp/127.0.0.1/$RECEIVER_PORT"
  for i in $(seq 0 $((INSTANCES - 1))); do
    alive "instance-$i" || fail "instance $i exited while starting: $(tail -5 "$WORK/instance-$i/instance-$i.log")"
    wait_for 120 "instance $i ready (log: $WORK/instance-$i/instance-$i.log)" \
      http_ok "http://127.0.0.1:${INSTANCE_PORTS[$i]}/q/health/ready"
  done
  mark fleet "up: 3 instances ready on the Redis store (ports ${INSTANCE_PORTS[*]})"
  wait_for 30 "nginx passing /q/health/ready through" http_ok "http://127.0.0.1:$NGINX_PORT/q/health/ready"
  wait_for 60 "Prometheus ready" http_ok "http://127.0.0.1:$PROMETHEUS_PORT/-/ready"
  wait_for 60 "Alertmanager ready" http_ok "http://127.0.0.1:$ALERTMANAGER_PORT/-/ready"
  wait_for 60 "Prometheus scraping all $INSTANCES instances" targets_up
  mark fleet "up: Prometheus scrapes all 3 instances; Alertmanager and nginx ready"
  say "up in $(($(date +%s) - START_S)) s; work dir $WORK"
  say "  lenders (nginx):  http://127.0.0.1:$NGINX_PORT   (X-Api-Key: $WORK/secrets/lender-keys)"
  say "  instances:        $(for p in "${INSTANCE_PORTS[@]}"; do printf 'http://127.0.0.1:%s ' "$p"; done)(admin token: $WORK/secrets/admin-token)"
  say "  Prometheus:       http://127.0.0.1:$PROMETHEUS_PORT   Alertmanager: http://127.0.0.1:$ALERTMANAGER_PORT"
  say "  webhook receiver: http://127.0.0.1:$RECEIVER_PORT   (received: $WORK/receiver/received.jsonl)"
  say "  alert rules:      $WORK/prometheus/scoregate-rules.local.yml: deploy/prometheus/scoregate-rules.yml with every"
  say "                    duration divided by $RULE_SPEEDUP (10m -> 30s, 5m -> 15s, for: 2m -> 6s, rate5m * 300 -> * 15)"
  say "  v1.3 carries the Friday drill (700 ms added, 80% run into the 500 ms deadline); v1.2 100 ms"
}

load_env() {
  [ -f "$WORK/fleet.env" ] || fail "no fleet in $WORK"
  # shellcheck disable=SC1091
  . "$WORK/fleet.env"
  INSTANCE_PORTS=("$INSTANCE_0_PORT" "$INSTANCE_1_PORT" "$INSTANCE_2_PORT")
}

# ---------------------------------------------------------------------------------------------------------------
# friday: the write-up, replayed

# run_bounded LIMIT_S OUT ERR COMMAND...: COMMAND with a time limit, in the background, waited for: `wait` returns
# at once when a trapped signal arrives (Ctrl-C, SIGTERM, the global deadline), a foreground command would not.
run_bounded() {
  local limit out=$2 err=$3
  check_deadline
  limit=$(bounded "$1")
  shift 3
  timeout --kill-after=5 "$limit" "$@" >"$out" 2>"$err" &
  wait $!
}

# The gate as a short-lived CLI: C1 and the serial GC start it sooner on a busy machine.
GATE=(java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$GATE_JAR")

targets_csv() {
  local p out=""
  for p in "${INSTANCE_PORTS[@]}"; do out="$out${out:+,}http://127.0.0.1:$p"; done
  echo "$out"
}

traffic_started() { js 'd.startedAt !== null' <"$WORK/traffic/stats.json" | grep -qx true; }
# Steady: the baseline's requests answered, and 95% of the last 5 s of answers a 200 (a cold or starved JVM
# times out its first requests; that is not the Friday).
steady() {
  js 'd.answered >= '"$((RATE * BASELINE_S))"' && d.recent.answered >= '"$RATE"' && d.recent.ok >= 0.95 * d.recent.answered' \
    <"$WORK/traffic/stats.json" | grep -qx true
}
guard_rolled_back() {
  admin_get "http://127.0.0.1:${INSTANCE_PORTS[0]}/admin/routing" >"$WORK/routing-now.json" &&
    js '(d.weights["v1.3"] ?? 0) === 0 && d.updatedBy.startsWith("guard@") && d.appliedRevision === d.revision' \
      <"$WORK/routing-now.json" | grep -qx true
}
guard_or_rollout_done() { guard_rolled_back || test -s "$WORK/gate/rollout.code"; }
event_seen() { grep -q "$1" "$WORK/events.tsv"; }

# Gate output lines start with an ISO instant: each becomes a timeline event at that instant.
mark_gate_lines() {
  local source=$1 file=$2 at rest
  while IFS= read -r line; do
    at=${line%% *}
    rest=${line#* }
    if [[ "$at" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T ]]; then
      mark_at "$at" "$source" "$(echo "$rest" | sed 's/^ *//' | tr -s ' ')"
    fi
  done <"$file"
}

replay() {
  load_env
  local targets prometheus="http://127.0.0.1:$PROMETHEUS_PORT" rollout_pid rollout_code rollback_code
  targets=$(targets_csv)
  mkdir -p "$WORK/traffic" "$WORK/gate" "$WORK/collected"

  mark traffic "lender warm-up starts: $WARMUP requests, 6 at a time, through nginx 127.0.0.1:$NGINX_PORT"
  start traffic "$WORK/traffic" node "$HERE/lender-traffic.mjs" --url "http://127.0.0.1:$NGINX_PORT" --rate "$RATE" \
    --max-seconds "$(remaining)" --keys "$WORK/secrets/lender-keys" --stats "$WORK/traffic/stats.json" --warmup "$WARMUP"
  wait_for 10 "the traffic's first stats" test -s "$WORK/traffic/stats.json"
  wait_for 60 "the warm-up's $WARMUP requests" traffic_started
  mark_at "$(js 'd.startedAt' <"$WORK/traffic/stats.json")" traffic "lender traffic starts: $RATE req/s, 3 lenders, unpinned, through nginx (warm-up: $(js '`${d.warmup.ok} of ${d.warmup.requests} a 200 in ${d.warmup.seconds} s`' <"$WORK/traffic/stats.json"))"
  wait_for $((BASELINE_S + 45)) "steady answers (95% of the last 5 s a 200) after $((RATE * BASELINE_S)) requests" steady
  TRAFFIC_AT=$(js 'd.startedAt' <"$WORK/traffic/stats.json")
  mark traffic "steady: $(js '`${d.answered} answered, by status ${JSON.stringify(d.byStatus)}; the last ${d.recent.seconds} s ${d.recent.ok} of ${d.recent.answered} a 200`' <"$WORK/traffic/stats.json")"

  # The rollout looks every 10 s; the instances' guards every 5 s on their own traffic, so they decide first.
  # Its first step is 25%, not the write-up's 5%: at 5% of this traffic the guard acts after 5-10 requests of
  # v1.3, and analyze rightly calls so few "no incident" in a log of thousands.
  mark gate "rollout of v1.3 starts: steps $STEPS, evidence from Prometheus, a look every 10 s"
  (set +e
   run_bounded 90 "$WORK/gate/rollout.out" "$WORK/gate/rollout.err" "${GATE[@]}" rollout --targets "$targets" \
     --candidate v1.3 --steps "$STEPS" --hold 30s --check-interval 10s --warmup 5s --max-hold 60s \
     --metrics prometheus --prometheus "$prometheus" --admin-token-file "$WORK/secrets/admin-token" \
     --webhook "http://127.0.0.1:$RECEIVER_PORT/gate" --report-dir "$WORK/gate/rollout" \
     --override-approver fleet.sh --override-reason "local replay of the Friday incident"
   echo $? >"$WORK/gate/rollout.code") &
  rollout_pid=$!
  wait_for 60 "the guard rolling v1.3 back on every instance" guard_or_rollout_done
  guard_rolled_back || fail "v1.3 was not rolled back by an instance's guard: table $(cat "$WORK/routing-now.json"); rollout: $(cat "$WORK/gate/rollout.err")"
  mark fleet "every instance applies the guard's rollback: $(js '`revision ${d.revision}: ${weights(d.weights)} by ${d.updatedBy}`' <"$WORK/routing-now.json")"
  wait_for 40 "the rollout to stop" test -s "$WORK/gate/rollout.code"
  wait "$rollout_pid" || true
  rollout_code=$(cat "$WORK/gate/rollout.code")
  mark_gate_lines "gate rollout" "$WORK/gate/rollout.out"
  mark gate "rollout exits $rollout_code: $(tail -1 "$WORK/gate/rollout.err")"
  [ "$rollout_code" = 1 ] || fail "rollout exit $rollout_code (expected 1, rolled back): $(cat "$WORK/gate/rollout.err")"

  wait_for 60 "the ScoregateGuardRollback alert at the webhook receiver" event_seen "alert ScoregateGuardRollback firing"

  mark gate "rollback starts (the runbook: route, verify every instance, watch recovery, notify)"
  rollback_code=0
  run_bounded 90 "$WORK/gate/rollback.out" "$WORK/gate/rollback.err" "${GATE[@]}" rollback --targets "$targets" \
    --metrics prometheus --prometheus "$prometheus" --watch 30s --watch-requests 100 \
    --admin-token-file "$WORK/secrets/admin-token" \
    --reason "Friday replay: confirm the guard's rollback on every instance" \
    --webhook "http://127.0.0.1:$RECEIVER_PORT/gate" --report-dir "$WORK/gate/rollback" || rollback_code=$?
  mark_gate_lines "gate rollback" "$WORK/gate/rollback.out"
  # 0: recovered; 3: applied and verified on every instance, but v1.2's own numbers not yet back (on a machine
  # loaded enough that v1.2 itself meets the deadline now and then, which the timeline then shows); else a failure
  case "$rollback_code" in
    0) mark gate "rollback exits 0: applied on every instance and recovered" ;;
    3) mark gate "rollback exits 3: applied on every instance, recovery not confirmed: $(tail -1 "$WORK/gate/rollback.err")" ;;
    *) fail "rollback exit $rollback_code: $(cat "$WORK/gate/rollback.err")" ;;
  esac

  wait_for 90 "the ScoregateGuardRollback alert resolving" event_seen "alert ScoregateGuardRollback resolved"

  kill -TERM "$(cat "$WORK/pids/traffic.pid")"
  wait_for 15 "the traffic to stop" bash -c "! kill -0 $(cat "$WORK/pids/traffic.pid")"
  mark traffic "lender traffic stops: $(js '`${d.sent} sent, ${d.answered} answered, by status ${JSON.stringify(d.byStatus)}, by version ${JSON.stringify(d.byVersion)}, ${d.transportFailures} transport failures`' <"$WORK/traffic/stats.json")"

  # What happened, from the records each part kept: the routing audit (one store for all instances) and the
  # three access logs, collected once their writers have flushed (every 20 ms), from the moment the lender traffic
  # started after its warm-up (the JVMs' cold start is not part of the Friday). The ten seconds before the rollout
  # are the baseline analyze compares with: cut at the steady point instead, right before the rollout, the logs
  # held under a second of it, and a guard that rolled back within two seconds left a burst at their start that
  # analyze could not tell from chance (2 of 4 replays, "no incident"; STRONG on the same replays' whole logs).
  sleep 0.5 # the access-log writers flush every 20 ms; half a second covers a loaded machine
  local i logs=()
  for i in $(seq 0 $((INSTANCES - 1))); do
    node -e '
      const fs = require("fs");
      const [from, to, since] = process.argv.slice(1);
      const kept = fs.readFileSync(from, "utf8").split("\n").filter(l => l && JSON.parse(l).timestamp >= since);
      fs.writeFileSync(to, kept.map(l => l + "\n").join(""));' \
      "$WORK/instance-$i/access.jsonl" "$WORK/collected/instance-$i.jsonl" "$TRAFFIC_AT"
    logs+=(--log "$WORK/collected/instance-$i.jsonl")
  done
  admin_get "http://127.0.0.1:${INSTANCE_PORTS[0]}/admin/routing/audit?limit=20" >"$WORK/audit.json"
  js 'd.entries.map(e => [e.at, `revision ${e.to.revision}: ${weights(e.to.weights)} by ${e.by} on ${e.instance}: ${e.reason}`].join("\t")).join("\n")' \
    <"$WORK/audit.json" | while IFS=$'\t' read -r at text; do
    [ -n "$at" ] && mark_at "$at" "routing audit" "$text"
  done
  node -e '
    const fs = require("fs");
    const lines = process.argv.slice(1).flatMap(f => fs.readFileSync(f, "utf8").split("\n").filter(Boolean).map(l => JSON.parse(l)));
    const v13 = lines.filter(l => l.modelVersion === "v1.3").sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    if (v13.length) {
      const timeouts = v13.filter(l => l.status === "TIMEOUT").length;
      console.log(`${v13[0].timestamp}\tfirst v1.3 request (${v13[0].status}, ${v13[0].latencyMs} ms); v1.3 served ${v13.length} in all, ${timeouts} timed out`);
      console.log(`${v13[v13.length - 1].timestamp}\tlast v1.3 request (${v13[v13.length - 1].status})`);
    }' "$WORK"/collected/*.jsonl | while IFS=$'\t' read -r at text; do
    mark_at "$at" "access logs" "$text"
  done

  run_bounded 60 "$WORK/analysis.json" "$WORK/analysis.err" "${GATE[@]}" analyze "${logs[@]}" --format json \
    --report-dir "$WORK/analysis" || fail "analyze failed: $(cat "$WORK/analysis.err")"
  local incidents v13
  incidents=$(js 'd.incidents.length ? d.incidents.map(i => `${i.summary} [evidence ${i.evidenceStrength}]`).join("; ") : "no incident"' <"$WORK/analysis.json")
  v13=$(js 'd.incidents.filter(i => i.primaryCause === "modelVersion=v1.3").map(i => i.summary).join("; ")' <"$WORK/analysis.json")
  mark analyze "analyze of the 3 collected access logs ($(js 'd.input.validRecords' <"$WORK/analysis.json") requests): $incidents"

  echo
  echo "Timeline (measured; seconds since the first event, UTC):"
  node "$HERE/timeline.mjs" "$WORK/events.tsv" | tee "$WORK/timeline.txt"
  echo

  # The verdict of the replay: each claim checked against what was recorded.
  local problems=()
  grep -q "routing audit.*by guard@local-" "$WORK/events.tsv" || problems+=("no guard rollback in the routing audit")
  event_seen "alert ScoregateGuardRollback firing" || problems+=("the alert never fired")
  event_seen "alert ScoregateGuardRollback resolved" || problems+=("the alert never resolved")
  grep -Eq "2\. verify propagation +ok +all $INSTANCES instances apply revision" "$WORK/gate/rollback.out" \
    || problems+=("rollback did not verify all $INSTANCES instances")
  [ -n "$v13" ] || problems+=("analyze named no incident after v1.3: $incidents")
  if [ "${#problems[@]}" -gt 0 ]; then
    fail "the replay did not show the Friday: ${problems[*]}"
  fi
  say "friday: the guard rolled v1.3 back, the alert fired and resolved, rollback verified $INSTANCES instances, analyze named v1.3"
  say "reports: $WORK/gate/rollout, $WORK/gate/rollback, $WORK/analysis; timeline: $WORK/timeline.txt"
}

# ---------------------------------------------------------------------------------------------------------------

on_exit() {
  local code=$?
  trap - EXIT INT TERM
  # a signal can arrive inside a check whose output goes to /dev/null: say what happens where the user sees it
  exec 1>&7 2>&8
  if [ -n "$STARTED_HERE" ] && { [ "$COMMAND" = friday ] || [ "$code" -ne 0 ]; }; then
    [ "$code" -eq 0 ] || say "stopping everything after exit $code"
    down
  fi
  if [ -n "${WATCHDOG_PID:-}" ] && kill -0 "$WATCHDOG_PID" 2>/dev/null; then
    local sleeper
    sleeper=$(pgrep -P "$WATCHDOG_PID" || true)
    kill "$WATCHDOG_PID" 2>/dev/null || true
    [ -z "$sleeper" ] || kill "$sleeper" 2>/dev/null || true
    rm -f "$WORK/pids/watchdog.pid"
  fi
  exit "$code"
}

COMMAND=${1:-}
case "$COMMAND" in
  up | friday)
    exec 7>&1 8>&2
    trap on_exit EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    up
    if [ "$COMMAND" = friday ]; then
      replay
    fi
    ;;
  down)
    down
    ;;
  *)
    echo "usage: deploy/local/fleet.sh up|friday|down   (work dir: \$SCOREGATE_FLEET_DIR, now $WORK)" >&2
    exit 4
    ;;
esac
