#!/usr/bin/env bash
# Trains the JVM's start-up cache for the packaged app: one start to ready, a few public reads, a clean stop; the JVM
# writes the cache as it exits. Package with `./mvnw package -Paot` (which also runs this script), so that the
# application's classes are on the JVM's class path (Quarkus's aot-jar layout): with the default fast-jar layout
# Quarkus loads them itself, and the cache can keep only the JDK's own classes.
#
#   docker/aot-cache.sh [quarkus-app directory, default target/quarkus-app]
#
# JDK 25 or newer: writes app.aot (JEP 483/514/515: classes loaded and linked, method profiles); run the app with
#   java -XX:AOTCache=app.aot -jar quarkus-run.jar
# JDK 21-24: writes app.jsa (dynamic AppCDS: classes loaded and verified); run it with
#   java -XX:SharedArchiveFile=app.jsa -jar quarkus-run.jar
# Either file belongs to that JDK build and these exact jars: rebuild it after either changes (a stale one is ignored
# with a warning, and the app starts as without it).
# The database: the configured one (QUARKUS_DATASOURCE_JDBC_URL, ...), else an embedded PostgreSQL in a temporary
# directory, deleted afterwards. No identity provider is needed (the OIDC tenant is off for the training run).
# JAVA_OPTS: the JVM options the app will run with (the cache records the garbage collector, among others).
set -euo pipefail
app=$(cd "${1:-$(dirname "$0")/../target/quarkus-app}" && pwd)
cd "$app"
if [ -n "${JAVA_HOME:-}" ]; then PATH="$JAVA_HOME/bin:$PATH"; fi
port=${AOT_TRAIN_PORT:-18399}
version=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${version%%.*}" -ge 25 ]; then
  cache=app.aot
  record=(-XX:AOTCacheOutput=app.aot)
else
  cache=app.jsa
  record=(-XX:ArchiveClassesAtExit=app.jsa)
fi
if command -v unzip > /dev/null && ! unzip -p quarkus-run.jar META-INF/MANIFEST.MF | grep -q '^Class-Path:'; then
  echo "warning: $app is not the aot-jar layout (./mvnw package -Paot): the cache will hold only the JDK's classes" >&2
fi
rm -f app.aot app.jsa
database=()
scratch=
if [ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]; then
  scratch=$(mktemp -d)
  database=(-Datrium.embedded-db.directory="$scratch/postgres")
fi
get() { # path -> HTTP status, without curl (not in every JRE image)
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nAccept-Encoding: gzip\r\n\r\n' "$1" >&3
  local status
  read -r _ status _ <&3 || status=0
  cat <&3 > /dev/null
  exec 3>&-
  echo "${status:-0}"
}
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
QUARKUS_HTTP_PORT=$port QUARKUS_OIDC_TENANT_ENABLED=false \
  java ${JAVA_OPTS:-} "${record[@]}" "${database[@]}" -jar quarkus-run.jar > aot-training.log 2>&1 &
pid=$!
for _ in $(seq 1200); do
  [ "$(get /q/health/ready 2>/dev/null || echo 0)" = 200 ] && break
  kill -0 "$pid" 2>/dev/null || { echo "the training run stopped; see $app/aot-training.log" >&2; exit 1; }
  sleep 0.1
done
# the reads a fresh node serves first: the event list, the programme page and its scripts, health and metrics
for path in /api/events /api/limits / /js/api.js /q/health/live /q/metrics /api/events/none/schedule; do
  get "$path" > /dev/null || true
done
kill -TERM "$pid"
wait "$pid" || true
if [ -n "$scratch" ]; then rm -rf "$scratch"; fi
[ -s "$cache" ] || { echo "no $cache written; see $app/aot-training.log" >&2; exit 1; }
echo "$app/$cache: $(du -m "$cache" | cut -f1) MB, for $(java -version 2>&1 | head -1)"
