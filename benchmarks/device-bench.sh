#!/usr/bin/env bash
# Memory per idle reference camera (dev.onvifcloud.device.Fleet): N cameras in one JVM, factory mTLS uplinks
# to an acceptor in a child JVM, all Connected, then heap (after full GC) and RSS per camera. Builds nothing:
# run `./mvnw -B -q -pl benchmarks -am package -DskipTests` first. Loopback only; every JVM ends by itself.
#
#   benchmarks/device-bench.sh                 # N = 1000 and 5000
#   benchmarks/device-bench.sh 2000 [--scheme wss]
#
# Environment: JAVA (default java), CAMERA_OPTS (camera JVM; the heap is fixed and pre-touched so that RSS
# moves only with native memory), CHILD_OPTS (acceptor JVM), OUT (results dir, default a temp dir).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
JAR="${JAR:-$HERE/target/benchmarks.jar}"
JAVA="${JAVA:-java}"
CAMERA_OPTS="${CAMERA_OPTS:--Xms2g -Xmx2g -XX:+AlwaysPreTouch -XX:+UseG1GC}"
CHILD_OPTS="${CHILD_OPTS:--Xmx2g -XX:+UseG1GC}"
OUT="${OUT:-$(mktemp -d /tmp/device-bench.XXXXXX)}"

[ -f "$JAR" ] || { echo "missing $JAR: build it first" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
mkdir -p "$OUT"
echo "results in $OUT; $($JAVA -version 2>&1 | head -1); open files $(ulimit -n); $(nproc) cores"

idle() { # n extra-args...
  local n=$1; shift
  timeout 1200 "$JAVA" $CAMERA_OPTS -cp "$JAR" dev.onvifcloud.benchmarks.device.IdleCameras \
      --n "$n" --child-opts "$CHILD_OPTS" "$@" 2>&1 | grep --line-buffered -v SLF4J | tee "$OUT/idle-$n.log"
}

if [ $# -gt 0 ]; then
  idle "$@"
else
  idle 1000
  idle 5000
fi
echo
grep -h RESULT "$OUT"/*.log || true
