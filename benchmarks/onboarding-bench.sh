#!/usr/bin/env bash
# Onboarding benchmark: N cameras added to an OCS in one batch, from the add (startDeviceSharing queued) until every
# camera is VERIFIED with a live uplink session: cameras/s, CPU ms per camera (process CPU time; MCS, OCS and the
# cameras all in this one JVM), latency p50/p99, TLS handshakes counted by JFR, next to the floor (the crypto and
# TLS operations of one onboarding, measured in the same run). Builds nothing: run
# `./mvnw -B -q -pl benchmarks -am package -DskipTests` first. Loopback only; the JVM ends by itself.
#
#   benchmarks/onboarding-bench.sh                  # N = 100 and 1000, default reconnect schedule (2..4 s)
#   benchmarks/onboarding-bench.sh 1000 [--reconnect-ms 100] [--batch-size 100] [--warmup 50]
#
# Measure on a quiet machine: the script waits (up to WAIT_SECONDS, default 600) for the 1-minute load average to
# drop below MAX_LOAD (default 1.5) and says so if it does not.
# Environment: JAVA (default java), JVM_OPTS, OUT (results dir, default a temp dir).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
JAR="${JAR:-$HERE/target/benchmarks.jar}"
JAVA="${JAVA:-java}"
JVM_OPTS="${JVM_OPTS:--Xms3g -Xmx3g -XX:+UseG1GC}"
MAX_LOAD="${MAX_LOAD:-1.5}"
WAIT_SECONDS="${WAIT_SECONDS:-600}"
OUT="${OUT:-$(mktemp -d /tmp/onboarding-bench.XXXXXX)}"

[ -f "$JAR" ] || { echo "missing $JAR: build it first" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
mkdir -p "$OUT"

quiet() {
  local waited=0
  until awk -v max="$MAX_LOAD" '{ exit !($1 < max) }' /proc/loadavg; do
    if [ "$waited" -ge "$WAIT_SECONDS" ]; then
      echo "WARNING: load average still $(cut -d' ' -f1-3 /proc/loadavg) after ${waited}s: measuring anyway" >&2
      return 0
    fi
    sleep 15; waited=$((waited + 15))
  done
}

onboard() { # n extra-args...
  local n=$1; shift
  quiet
  echo "$($JAVA -version 2>&1 | head -1); open files $(ulimit -n); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
  timeout 1800 "$JAVA" $JVM_OPTS -cp "$JAR" dev.onvifcloud.benchmarks.onboarding.OnboardingBenchmark \
      --n "$n" "$@" 2>&1 | grep --line-buffered -v SLF4J | tee "$OUT/onboarding-$n.log"
}

echo "results in $OUT"
if [ $# -gt 0 ]; then
  onboard "$@"
else
  onboard 100
  onboard 1000
fi
echo
grep -h RESULT "$OUT"/*.log || true
