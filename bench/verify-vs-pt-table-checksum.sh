#!/usr/bin/env bash
# Compares VERIFY's checksum throughput with pt-table-checksum's on the same replicated tables and
# prints rows/s of each (or says pt-table-checksum is missing). A benchmark, not a test: `./mvnw verify`
# never runs it.
#
#   bench/verify-vs-pt-table-checksum.sh            # 300,000 rows in two tables
#   bench/verify-vs-pt-table-checksum.sh 1000000    # 1,000,000 rows
#
# pt-table-checksum comes from Debian's percona-toolkit (apt-get install -y percona-toolkit). Starts its
# own local stack (Kafka broker and two MariaDB servers as child processes) and stops it at the end.
# The full build log goes to replication-monitor/target/verify-vs-pt.log.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-300000}"
log=replication-monitor/target/verify-vs-pt.log
mkdir -p replication-monitor/target
command -v pt-table-checksum >/dev/null || echo "[verify-bench] pt-table-checksum is missing: only VERIFY is measured"
# The modules the monitor builds on, from this work tree.
./mvnw -B -q -pl common,service-kit,executor-kit,deploy/kafka-broker,deploy/route53-emulator,deploy/local-stack \
  install -DskipTests
if ! ./mvnw -B -pl replication-monitor test -Dtest=VerifyBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Dverify.bench.rows="${rows}" >"${log}" 2>&1; then
  grep '\[verify-bench\]' "${log}" || true
  echo "benchmark failed: see ${log}" >&2
  exit 1
fi
grep '\[verify-bench\]' "${log}"
