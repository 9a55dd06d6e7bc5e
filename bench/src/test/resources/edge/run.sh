#!/usr/bin/env bash
# Order entry benchmark of edge-api: a real Kafka broker (BenchmarkStack), the edge-api jar, wrk.
# Prints requests/s, latency percentiles, and the CPU time per accepted order of the edge JVM, the
# broker JVM and wrk (utime+stime from /proc over the measured run), with the load average before
# and after. Stops everything it started.
#
# Prerequisites, from the repository root (see docs/edge-api.md#benchmark):
#   ./mvnw -B -q -o -pl edge-api -am package -DskipTests
#   ./mvnw -B -q -o -pl bench -am test-compile dependency:build-classpath \
#     -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
# Usage: bench/src/test/resources/edge/run.sh [connections] [seconds] [-- extra edge arguments]
# Environment: WARMUP (seconds, default 15), EDGE_JAVA_OPTS (default -Xms1g -Xmx1g).
set -euo pipefail

CONNECTIONS=${1:-32}
SECONDS_MEASURED=${2:-20}
shift $(($# < 2 ? $# : 2))
[ "${1:-}" = "--" ] && shift
WARMUP=${WARMUP:-15}
EDGE_JAVA_OPTS=${EDGE_JAVA_OPTS:--Xms1g -Xmx1g}

MODULE=$(cd "$(dirname "$0")/../../../.." && pwd)
EDGE_JAR=$MODULE/../edge-api/target/edge-api.jar
cd "$MODULE"
WORK=$(mktemp -d "$MODULE/target/bench-run.XXXXXX")
LUA=$MODULE/src/test/resources/edge/orders.lua
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("", 0)); print(s.getsockname()[1])'; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

mkfifo "$WORK/stdin"
java -cp "target/test-classes:target/classes:$(cat target/test-cp.txt)" \
  dev.exchange.bench.edge.BenchmarkStack "$WORK" < "$WORK/stdin" > "$WORK/stack.log" 2>&1 &
STACK=$!
exec 3> "$WORK/stdin"
EDGE=
cleanup() {
  [ -n "$EDGE" ] && kill "$EDGE" 2> /dev/null && wait "$EDGE" 2> /dev/null
  exec 3>&-
  wait "$STACK" 2> /dev/null || true
}
trap cleanup EXIT
until grep -q READY "$WORK/stack.log"; do
  kill -0 "$STACK" 2> /dev/null || { cat "$WORK/stack.log"; exit 1; }
  sleep 1
done
BROKER=$(pgrep -P "$STACK" | head -1)

PORT=$(free_port)
MANAGEMENT_PORT=$(free_port)
# shellcheck disable=SC2086
java $EDGE_JAVA_OPTS -jar "$EDGE_JAR" --server.port="$PORT" \
  --management.server.port="$MANAGEMENT_PORT" \
  --exchange.kafka.bootstrap-servers="$(cat "$WORK/bootstrap.txt")" \
  --exchange.security.public-key="$(cat "$WORK/public-key.pem")" \
  --exchange.security.issuer="$(cat "$WORK/issuer.txt")" \
  --exchange.rate-limits.enabled=false $(cat "$WORK/datasource.txt") "$@" > "$WORK/edge.log" 2>&1 &
EDGE=$!
until curl -sf "http://localhost:$MANAGEMENT_PORT/actuator/health/readiness" > /dev/null; do
  kill -0 "$EDGE" 2> /dev/null || { cat "$WORK/edge.log"; exit 1; }
  sleep 1
done

export BENCH_DIR=$WORK
wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$LUA" "http://localhost:$PORT" > "$WORK/warmup.txt"
LOAD_BEFORE=$(uptime)
EDGE0=$(ticks "$EDGE")
BROKER0=$(ticks "$BROKER")
TIMEFORMAT='%U %S'
{ time wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_MEASURED}s" --latency -s "$LUA" \
  "http://localhost:$PORT" > "$WORK/wrk.txt"; } 2> "$WORK/wrk-cpu.txt"
EDGE1=$(ticks "$EDGE")
BROKER1=$(ticks "$BROKER")
LOAD_AFTER=$(uptime)

REQUESTS=$(sed -n 's/^requests \([0-9]*\),.*/\1/p' "$WORK/wrk.txt")
HZ=$(getconf CLK_TCK)
per_order() { awk -v t="$1" -v hz="$HZ" -v n="$REQUESTS" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }'; }
WRK_CPU=$(awk '{ printf "%.1f", ($1 + $2) * 1e6 }' "$WORK/wrk-cpu.txt")
echo "connections $CONNECTIONS, ${SECONDS_MEASURED}s after ${WARMUP}s warm-up, edge args: $*"
grep -E 'Requests/sec|^p50|^requests' "$WORK/wrk.txt"
echo "CPU per order: edge $(per_order $((EDGE1 - EDGE0))) us, broker $(per_order $((BROKER1 - BROKER0))) us," \
  "wrk $(awk -v c="$WRK_CPU" -v n="$REQUESTS" 'BEGIN { printf "%.1f", c / n }') us"
echo "load before: $LOAD_BEFORE"
echo "load after:  $LOAD_AFTER"
