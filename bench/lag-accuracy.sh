#!/usr/bin/env bash
# Lag accuracy: the target's SQL thread is stopped for known delays (0.5 s to 5 s, 3 times each) while the
# source writes; compares the peak lag handoff publishes, pt-heartbeat's (--update 0.1 s / --monitor 0.5 s,
# Debian's percona-toolkit) and Seconds_Behind_Master with each delay, and prints the error p50/p95.
# A benchmark, not a test: `./mvnw verify` never runs it. Needs `pt-heartbeat` (apt-get install percona-toolkit).
#
# On MySQL (flavour mysql) the table also shows handoff's second method, the replica's original commit
# timestamps in performance_schema (no heartbeat writes); on MariaDB that column is NaN.
#
#   bench/lag-accuracy.sh          # 3 repeats of each delay, MariaDB on both sides
#   bench/lag-accuracy.sh 5        # 5 repeats
#   bench/lag-accuracy.sh 3 mysql  # Oracle MySQL on both sides (fetched once into ~/.cache/handoff)
set -euo pipefail
cd "$(dirname "$0")/.."
repeats="${1:-3}"
flavor="${2:-mariadb}"
command -v pt-heartbeat >/dev/null || { echo "pt-heartbeat missing: apt-get install -y percona-toolkit" >&2; exit 1; }
log=replication-monitor/target/lag-accuracy.log
mkdir -p replication-monitor/target
# The modules the monitor builds on, from this work tree.
./mvnw -B -q -pl common,service-kit,executor-kit,verify-kit,deploy/kafka-broker,deploy/route53-emulator,deploy/local-stack -am \
  install -DskipTests
if ! ./mvnw -B -pl replication-monitor -Pbench verify -Dit.test=LagAccuracyBenchmark -Dbench.repeats="${repeats}" \
    -Dhandoff.stack.source-flavor="${flavor}" -Dhandoff.stack.target-flavor="${flavor}" >"${log}" 2>&1; then
  grep '\[lag-accuracy\]' "${log}" || true
  echo "benchmark failed: see ${log}" >&2
  exit 1
fi
grep '\[lag-accuracy\]' "${log}"
