#!/usr/bin/env bash
# Cold start of the packaged app (prod profile) to ready: seconds from launching the JVM until /q/health/ready answers,
# RUNS times (default 5), then the median. The database is the embedded PostgreSQL in DATA (default target/cold-start-db),
# created by a first, uncounted run; pass JAVA_OPTS for JVM flags. Build first: ./mvnw -B package -DskipTests
# AOT=1 (JDK 25+, JEP 514/515): an uncounted training run of the whole start-up writes target/quarkus-app/app.aot
# (-XX:AOTCacheOutput), and the counted runs use it with -XX:AOTMode=on, which refuses to start rather than silently
# run without the cache (e.g. after a rebuild changed the jars).
# Identity provider off (QUARKUS_OIDC_TENANT_ENABLED=false): this measures start-up, not sign-in.
set -euo pipefail
cd "$(dirname "$0")/../../../target/quarkus-app"
RUNS=${RUNS:-5}
PORT=${PORT:-18321}
DATA=${DATA:-$(pwd)/../cold-start-db}
if [ -n "${JAVA_HOME:-}" ]; then PATH="$JAVA_HOME/bin:$PATH"; fi
one() {
  local t0 t1 pid
  t0=$(date +%s%N)
  QUARKUS_HTTP_PORT=$PORT QUARKUS_OIDC_TENANT_ENABLED=false ATRIUM_EMBEDDED_DB_DIRECTORY="$DATA" \
    java ${JAVA_OPTS:-} "$@" -jar quarkus-run.jar > ../cold-start.log 2>&1 &
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
  echo "$(( (t1 - t0) / 1000000 )) ms to ready, JVM CPU ${cpu} ms ($(grep -o 'started in [0-9.]*s' ../cold-start.log || true))" >&2
  echo $(( (t1 - t0) / 1000000 ))
}
one > /dev/null   # creates the database on a first run; not counted
aot=()
if [ "${AOT:-0}" = 1 ]; then
  rm -f app.aot
  one -XX:AOTCacheOutput=app.aot > /dev/null   # training run; the JVM writes the cache as it exits
  [ -f app.aot ] || { echo "no app.aot written; see target/cold-start.log" >&2; exit 1; }
  echo "AOT cache: $(du -m app.aot | cut -f1) MB" >&2
  aot=(-XX:AOTCache=app.aot -XX:AOTMode=on)
fi
times=()
for _ in $(seq "$RUNS"); do times+=("$(one "${aot[@]}")"); done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median of " NR ": " a[int((NR+1)/2)] " ms to ready"}'
