#!/usr/bin/env bash
# Runs the packaged service (./mvnw -B package -DskipTests first) on its embedded defaults.
#
# The JVM is started from the app directory with the AppCDS archive the build writes
# (target/quarkus-app/app-cds.jsa): a class-data archive is only accepted when the jar is given by the path it
# was dumped with, and it saves about 0.5 s of start-up on two cores. Without the archive (or on another JDK,
# which the JVM reports and then ignores the archive) the service starts the plain way.
#
# The data directory (routing table, access log) stays where you ran this from: ./data, or SCOREGATE_DATA_DIR.
# Extra JVM options and -D settings go in JAVA_OPTS, e.g. JAVA_OPTS="-Dquarkus.http.port=9090".
set -euo pipefail
APP="$(cd "$(dirname "$0")" && pwd)/target/quarkus-app"
if [ ! -f "$APP/quarkus-run.jar" ]; then
  echo "run.sh: $APP/quarkus-run.jar is missing; build it first with ./mvnw -B package -DskipTests" >&2
  exit 1
fi
DATA_DIR="${SCOREGATE_DATA_DIR:-$PWD/data}"
CDS=()
if [ -f "$APP/app-cds.jsa" ]; then
  CDS=(-XX:SharedArchiveFile=app-cds.jsa)
fi
cd "$APP"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java "${CDS[@]}" -Dscoregate.data-dir="$DATA_DIR" ${JAVA_OPTS:-} -jar quarkus-run.jar "$@"
