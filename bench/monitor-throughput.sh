#!/usr/bin/env bash
# Measures the replication monitor under a sustained source workload (>= 2,000 row changes/s) and
# prints its throughput (row changes checked per second at steady state), drift backlog, lag and heap
# over time, and the machine. A benchmark, not a test: `./mvnw verify` never runs it.
#
#   bench/monitor-throughput.sh            # 60 s of load
#   bench/monitor-throughput.sh 120        # 120 s of load
#   bench/monitor-throughput.sh 60 40      # 60 s of 4,000 row changes/s (40-row transactions every 10 ms)
#
# Starts its own local stack (Kafka broker and two MariaDB servers as child processes) and stops it at
# the end. The full build log goes to replication-monitor/target/monitor-throughput.log, the figures
# to replication-monitor/target/monitor-throughput.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
rows="${2:-20}"
log=replication-monitor/target/monitor-throughput.log
mkdir -p replication-monitor/target
# The modules the monitor builds on, from this work tree.
./mvnw -B -q -pl common,service-kit,executor-kit,verify-kit,deploy/kafka-broker,deploy/route53-emulator,deploy/local-stack -am \
  install -DskipTests
if ! ./mvnw -B -pl replication-monitor -Pbench verify -Dit.test=MonitorThroughputBenchmark -Dbench.seconds="${seconds}" -Dbench.rows="${rows}" >"${log}" 2>&1; then
  grep '\[monitor-throughput\]' "${log}" || true
  echo "benchmark failed: see ${log}" >&2
  exit 1
fi
grep '\[monitor-throughput\]' "${log}"
