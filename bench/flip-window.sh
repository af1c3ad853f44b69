#!/usr/bin/env bash
# bench/flip-window.sh [FLIPS] [RATES] [ORDER] — the write-blocked window over FLIPS flips (default 20) at each
# total workload rate of RATES (writes/s, comma-separated; default 200,1000,5000), ORDER writable-first (default)
# or dns-first; also the command round trip. Then as many flips of the same fence issued as bare SQL from one JDBC
# program (no Kafka, no services) on the same stack and workload, and the ratios handoff / bare SQL of the write-blocked
# and read-only->writable medians. Before each measured flip (both kinds) the replica catches up with the previous
# flip's backlog and the workload then runs 2 s more, outside the window. One fresh local stack per rate. Prints p50/p95/max and the machine;
# figures are appended to target/bench-flip-window.txt. Needs nothing but Java 17 (no Docker).
set -euo pipefail
cd "$(dirname "$0")/.."
flips="${1:-20}"; rates="${2:-200,1000,5000}"; order="${3:-writable-first}"
mkdir -p .bench
echo "== building (log in .bench/build.log)"
./mvnw -B -q -DskipTests package > .bench/build.log 2>&1 || { tail -40 .bench/build.log; exit 1; }
for rate in ${rates//,/ }; do
  echo "== $flips flips at $rate writes/s ($order)"
  rm -rf .bench/run
  java -Xmx512m -XX:+UseSerialGC \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.org.mariadb.jdbc=error \
    -cp "deploy/demo/target/classes:$(cat deploy/demo/target/runtime.classpath)" \
    io.handoff.demo.FlipBenchmark --repository . --work-dir .bench/run --rate "$rate" --flips "$flips" --order "$order"
done
