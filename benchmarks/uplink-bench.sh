#!/usr/bin/env bash
# Uplink benchmarks (idle capacity, throughput through the tunnel, reconnect storm). Builds nothing:
# run `./mvnw -B -q -pl benchmarks -am package -DskipTests` first. Loopback only; every JVM ends by itself.
#
#   benchmarks/uplink-bench.sh                       # idle 10000, idle 19000, tunnel, storm 10000
#   benchmarks/uplink-bench.sh idle 10000 | tunnel | storm 10000
#
# Environment: JAVA (default java), ACCEPTOR_OPTS, CONNECTOR_OPTS, TUNNEL_OPTS (JVM flags),
# RATE (connectors started per second, default 1000; at most 32 first handshakes open), SETTLE_SECONDS (idle: time
# the uplinks stay idle before heap and RSS are read, default 20; the acceptor's CPU is measured over its second half), TUNNEL_ARGS (e.g. "--seconds 20 --warmup-seconds 10 --connections 1,100 --paths tunnel,tunnel-inline,direct-workers,direct --tls jdk"; --tls auto|openssl|jdk sets both the tunnel and the direct path, default auto), OUT (results dir, default a temp dir).
#
# Open files: the acceptor needs one descriptor per uplink, the connector JVM as well. The script
# raises the soft limit to the hard limit; N above it (minus some slack) cannot be reached.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
JAR="${JAR:-$HERE/target/benchmarks.jar}"
JAVA="${JAVA:-java}"
ACCEPTOR_OPTS="${ACCEPTOR_OPTS:--Xmx4g -XX:+UseG1GC}"
CONNECTOR_OPTS="${CONNECTOR_OPTS:--Xmx6g -XX:+UseG1GC}"
TUNNEL_OPTS="${TUNNEL_OPTS:--Xmx2g -XX:+UseG1GC}"
TUNNEL_ARGS="${TUNNEL_ARGS:-}"
RATE="${RATE:-1000}"   # connectors started per second (TLS handshakes of both ends share this machine)
SETTLE_SECONDS="${SETTLE_SECONDS:-20}"
OUT="${OUT:-$(mktemp -d /tmp/uplink-bench.XXXXXX)}"
PKG=dev.onvifcloud.benchmarks.uplink

[ -f "$JAR" ] || { echo "missing $JAR: build it first" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
mkdir -p "$OUT"
echo "results in $OUT; $($JAVA -version 2>&1 | head -1); open files $(ulimit -n); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"

# acceptor JVM + connector JVM, handing over through a fresh directory
pair() { # mode n extra-acceptor-args...
  local mode=$1 n=$2; shift 2
  local dir; dir="$(mktemp -d /tmp/uplink-pair.XXXXXX)"
  local log="$OUT/$mode-$n"
  if [ "$n" -gt $(( $(ulimit -n) - 500 )) ]; then
    echo "$mode $n: more uplinks than open files allowed ($(ulimit -n)); skipped" | tee "$log-acceptor.log"
    return 0
  fi
  timeout 900 "$JAVA" $ACCEPTOR_OPTS -cp "$JAR" $PKG.AcceptorMain --mode "$mode" --n "$n" --dir "$dir" \
      --settle-seconds "$SETTLE_SECONDS" "$@" \
      > "$log-acceptor.log" 2>&1 &
  local acceptor=$!
  timeout 900 "$JAVA" $CONNECTOR_OPTS -cp "$JAR" $PKG.ConnectorMain --n "$n" --dir "$dir" --rate "$RATE" --max-seconds 880 \
      > "$log-connector.log" 2>&1 &
  local connector=$!
  wait $acceptor || echo "acceptor exited with $?"
  wait $connector || echo "connector exited with $?"
  rm -rf "$dir"
  grep -v 'SLF4J' "$log-acceptor.log"
  grep -A400 'connection attempts' "$log-connector.log" || true
}

tunnel() {
  timeout 900 "$JAVA" $TUNNEL_OPTS -cp "$JAR" $PKG.TunnelMain $TUNNEL_ARGS 2>&1 | grep -v SLF4J | tee "$OUT/tunnel.log"
}

run() {
  case "$1" in
    idle)   pair idle "${2:-10000}" ;;
    storm)  pair storm "${2:-10000}" ;;
    tunnel) tunnel ;;
    *) echo "unknown benchmark $1" >&2; exit 2 ;;
  esac
}

if [ $# -gt 0 ]; then
  run "$@"
else
  run idle 10000
  run idle 19000   # 30000 needs a hard open-files limit above 30000 (see README)
  run tunnel
  run storm 10000
fi

echo
echo "== results ($OUT) =="
grep -h 'RESULT' "$OUT"/*.log 2>/dev/null | sed 's/^\[[0-9:]*\] //' || true
grep -h '^| ' "$OUT/tunnel.log" 2>/dev/null || true
