#!/usr/bin/env bash
# Cold start of the packaged app (prod profile) to ready: milliseconds from launching the JVM until /q/health/ready
# answers 200, RUNS times (default 5), then the median. Each run also prints the CPU the JVM used until then and the
# load average, as the box is shared. Build first: ./mvnw -B package -DskipTests (or -Paot, below).
# The database (an existing one: a first, uncounted run creates it in DATA, default target/cold-start-db):
# - default: the app's embedded PostgreSQL on DATA (started by the app, as on a developer's machine);
# - EXTERNAL=1: PostgreSQL on DATA in a process of its own (src/test/scripts/ExternalDatabase.java), the app given its
#   URL as in production (QUARKUS_DATASOURCE_JDBC_URL): no embedded database on the start path.
# The JVM's start-up cache: CACHE=1 uses target/quarkus-app/app.aot as ./mvnw package -Paot wrote it
# (-XX:AOTMode=on: refuses to start rather than silently run without it); AOT=1 first trains one itself
# (-XX:AOTCacheOutput, an uncounted run). Either needs JDK 25+, and the aot-jar layout of -Paot for the cache to
# hold the application's classes (with the default layout it holds only the JDK's).
# APP=name: the app in target/name instead (e.g. a copy of an earlier build, for a before/after pair).
# JAVA_OPTS: JVM flags. Identity provider off (QUARKUS_OIDC_TENANT_ENABLED=false): this measures start-up, not sign-in.
set -euo pipefail
cd "$(dirname "$0")/../../../target/${APP:-quarkus-app}"
RUNS=${RUNS:-5}
PORT=${PORT:-18321}
DATA=${DATA:-$(pwd)/../cold-start-db}
if [ -n "${JAVA_HOME:-}" ]; then PATH="$JAVA_HOME/bin:$PATH"; fi
database=(env ATRIUM_EMBEDDED_DB_DIRECTORY="$DATA")
if [ "${EXTERNAL:-0}" = 1 ]; then
  # the app creates the database on its first run; then it runs in a process of its own until this script ends
  QUARKUS_HTTP_PORT=$PORT QUARKUS_OIDC_TENANT_ENABLED=false ATRIUM_EMBEDDED_DB_DIRECTORY="$DATA" \
    java -jar quarkus-run.jar > ../cold-start.log 2>&1 &
  first=$!
  until curl -sf -o /dev/null "http://localhost:$PORT/q/health/ready"; do
    kill -0 "$first" 2>/dev/null || { echo "the app stopped; see target/cold-start.log" >&2; exit 1; }
    sleep 0.1
  done
  kill "$first"; wait "$first" 2>/dev/null || true
  DB_PORT=${DB_PORT:-18322}
  coproc DB { exec java -cp 'app/*:lib/main/*' ../../src/test/scripts/ExternalDatabase.java "$DATA" "$DB_PORT" 2>> ../cold-start-db.log; }
  db_pid=$DB_PID db_in=${DB[1]}
  trap 'eval "exec $db_in>&-"; wait "$db_pid" 2>/dev/null || true' EXIT   # stdin closed: it stops
  line=
  while [[ $line != ready* ]]; do
    read -r line <&"${DB[0]}" || { echo "the database did not start; see target/cold-start-db.log" >&2; exit 1; }
  done
  database=(env QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$DB_PORT/postgres"
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres)
fi
one() {
  local t0 t1 pid
  t0=$(date +%s%N)
  QUARKUS_HTTP_PORT=$PORT QUARKUS_OIDC_TENANT_ENABLED=false \
    "${database[@]}" java ${JAVA_OPTS:-} "$@" -jar quarkus-run.jar > ../cold-start.log 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://localhost:$PORT/q/health/ready"; do
    kill -0 "$pid" 2>/dev/null || { echo "the app stopped; see target/cold-start.log" >&2; exit 1; }
    sleep 0.02
  done
  t1=$(date +%s%N)
  # CPU the JVM used until ready (user + system, clock ticks): less at the mercy of other load than the wall clock
  local cpu
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(( (t1 - t0) / 1000000 )) ms to ready, JVM CPU ${cpu} ms, load $(cut -d' ' -f1-3 /proc/loadavg)" \
    "($(grep -o 'started in [0-9.]*s' ../cold-start.log || true))" >&2
  echo $(( (t1 - t0) / 1000000 ))
}
one > /dev/null   # creates the database on a first run, and fills the OS's file cache; not counted
cache=()
if [ "${AOT:-0}" = 1 ]; then
  rm -f app.aot
  one -XX:AOTCacheOutput=app.aot > /dev/null   # training run; the JVM writes the cache as it exits
  [ -f app.aot ] || { echo "no app.aot written; see target/cold-start.log" >&2; exit 1; }
fi
if [ "${AOT:-0}" = 1 ] || [ "${CACHE:-0}" = 1 ]; then
  echo "AOT cache: $(du -m app.aot | cut -f1) MB" >&2
  cache=(-XX:AOTCache=app.aot -XX:AOTMode=on)
fi
times=()
for _ in $(seq "$RUNS"); do times+=("$(one "${cache[@]}")"); done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median of " NR ": " a[int((NR+1)/2)] " ms to ready"}'
