#!/usr/bin/env bash
# Token endpoint benchmark: grants/s, latency and server CPU per grant of POST /oauth2/token (AuthorizationServer
# on the real ApiServer over HTTPS, H2 file database), next to the ES256 floor measured in the same run. The
# clients run in a child JVM (one registered client per thread, keep-alive connections, a fresh assertion per
# request); the rate limit is set to its maximum (10000/s per client) for the benchmark. Builds nothing: run
# `./mvnw -B -q -pl benchmarks -am package -DskipTests` first. Loopback only; every JVM ends by itself.
#
#   benchmarks/token-bench.sh                                   # 8 clients, 10 s warm-up, 20 s measured
#   benchmarks/token-bench.sh --clients 4 --seconds 30 --warmup-seconds 15 --floor-seconds 5
#
# Besides the process's CPU per grant, the second RESULT line splits the server's CPU by threads (JIT compilers, GC,
# the rest, from /proc) and gives the CPU per grant without the JIT: on a busy 2-core machine C2 is still compiling
# well after the warm-up, and that is not a cost of a grant.
#
# Measure on a quiet machine: the script waits (up to WAIT_SECONDS, default 600) for the 1-minute load average to
# drop below MAX_LOAD (default 1.5) and says so if it does not.
# Environment: JAVA (default java), SERVER_OPTS (server JVM), CLIENT_OPTS (client JVM), OUT (results dir),
# PROFILE=1: async-profiler (CPU, every thread) on the server JVM over the measured window only, written to
# $OUT/server.collapsed; ASYNC_PROFILER_JAR (default: the 4.1 linux-x64 jar in ~/.m2) and ASYNC_PROFILER_LIB (default:
# its libasyncProfiler.so, unpacked under $OUT).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
JAR="${JAR:-$HERE/target/benchmarks.jar}"
JAVA="${JAVA:-java}"
SERVER_OPTS="${SERVER_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}"
CLIENT_OPTS="${CLIENT_OPTS:--Xmx512m -XX:+UseG1GC}"
MAX_LOAD="${MAX_LOAD:-1.5}"
WAIT_SECONDS="${WAIT_SECONDS:-600}"
OUT="${OUT:-$(mktemp -d /tmp/token-bench.XXXXXX)}"

[ -f "$JAR" ] || { echo "missing $JAR: build it first" >&2; exit 1; }
mkdir -p "$OUT"

waited=0
until awk -v max="$MAX_LOAD" '{ exit !($1 < max) }' /proc/loadavg; do
  if [ "$waited" -ge "$WAIT_SECONDS" ]; then
    echo "WARNING: load average still $(cut -d' ' -f1-3 /proc/loadavg) after ${waited}s: measuring anyway" >&2
    break
  fi
  sleep 15; waited=$((waited + 15))
done
PROFILE_ARGS=()
if [ "${PROFILE:-0}" = 1 ]; then
  AP_JAR="${ASYNC_PROFILER_JAR:-$HOME/.m2/repository/tools/profiler/async-profiler/4.1/async-profiler-4.1-linux-x64.jar}"
  AP_LIB="${ASYNC_PROFILER_LIB:-}"
  if [ -z "$AP_LIB" ]; then
    (cd "$OUT" && unzip -qo "$AP_JAR" 'linux-x64/libasyncProfiler.so')
    AP_LIB="$OUT/linux-x64/libasyncProfiler.so"
  fi
  SERVER_OPTS="$SERVER_OPTS -Dasyncprofiler.jar=$AP_JAR -Dasyncprofiler.lib=$AP_LIB"
  PROFILE_ARGS=(--profile "$OUT/server.collapsed")
fi
echo "results in $OUT; $($JAVA -version 2>&1 | head -1); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"

timeout 900 "$JAVA" $SERVER_OPTS -cp "$JAR" dev.onvifcloud.benchmarks.token.TokenEndpointBenchmark \
    --child-opts "$CLIENT_OPTS" "${PROFILE_ARGS[@]}" "$@" 2>&1 | grep --line-buffered -v SLF4J | tee "$OUT/token.log"
echo
grep -h RESULT "$OUT"/token.log || true
