#!/usr/bin/env bash
# Compares VERIFY's throughput with pt-table-checksum's on the same replicated tables of one local stack,
# in one run: first with source and target equal, then with keys changed, deleted and inserted on the
# target alone. Prints rows/s of each, the ratio VERIFY / pt-table-checksum for both cases and whether
# VERIFY named every injected key (or says pt-table-checksum is missing). A benchmark, not a test:
# `./mvnw verify` never runs it, and it asserts no time.
#
#   bench/verify-vs-pt-table-checksum.sh            # 2,000,000 rows in six tables
#   bench/verify-vs-pt-table-checksum.sh 500000     # 500,000 rows
#   bench/verify-vs-pt-table-checksum.sh 2000000 -o -Dhandoff.verify.parallel-chunks=1   # offline, VERIFY settings changed
#   bench/verify-vs-pt-table-checksum.sh 2000000 -Dverify.bench.repeats=1                 # one run of each per case
#
# Each tool runs 5 times per case (alternating) and the ratio compares the medians: on a shared machine one run
# of either varies by a third.
#
# pt-table-checksum comes from Debian's percona-toolkit (apt-get install -y percona-toolkit). Starts its
# own local stack (Kafka broker and two MariaDB servers as child processes) and stops it at the end.
# Builds the modules the monitor needs from this work tree (reactor, -am) and installs nothing into
# ~/.m2. Extra arguments after the row count go to Maven (e.g. -o). The full build log goes to
# replication-monitor/target/verify-vs-pt.log.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-2000000}"
shift || true
log=replication-monitor/target/verify-vs-pt.log
mkdir -p replication-monitor/target
command -v pt-table-checksum >/dev/null || echo "[verify-bench] pt-table-checksum is missing: only VERIFY is measured"
if ! ./mvnw -B -ntp "$@" -pl replication-monitor -am test -Dtest=VerifyBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Dverify.bench.rows="${rows}" >"${log}" 2>&1; then
  grep '\[verify-bench\]' "${log}" || true
  echo "benchmark failed: see ${log}" >&2
  exit 1
fi
grep '\[verify-bench\]' "${log}"
