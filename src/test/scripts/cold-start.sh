#!/usr/bin/env bash
# Cold start of the packaged app (prod profile) to ready: seconds from launching the JVM until /q/health/ready answers,
# RUNS times (default 5), then the median. The database is the embedded PostgreSQL in DATA (default target/cold-start-db),
# created by a first, uncounted run; pass JAVA_OPTS for JVM flags, e.g. JAVA_OPTS=-XX:SharedArchiveFile=app-cds.jsa
# after `./mvnw -B package -DskipTests -Dquarkus.package.jar.appcds.enabled=true`. Build first: ./mvnw -B package -DskipTests
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
    java ${JAVA_OPTS:-} -jar quarkus-run.jar > ../cold-start.log 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://localhost:$PORT/q/health/ready"; do
    kill -0 "$pid" 2>/dev/null || { echo "the app stopped; see target/cold-start.log" >&2; exit 1; }
    sleep 0.02
  done
  t1=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(( (t1 - t0) / 1000000 )) ms to ready ($(grep -o 'started in [0-9.]*s' ../cold-start.log || true))" >&2
  echo $(( (t1 - t0) / 1000000 ))
}
one > /dev/null   # creates the database on a first run; not counted
times=()
for _ in $(seq "$RUNS"); do times+=("$(one)"); done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median of " NR ": " a[int((NR+1)/2)] " ms to ready"}'
