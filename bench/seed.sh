#!/usr/bin/env bash
# Seeds the same source schema into a fresh target three ways in one run: handoff's parallel SEED, the dump pipe
# (handoff's SEED method mysqldump: mariadb-dump | mariadb, or mysqldump | mysql) and mydumper + myloader at the same
# thread count; prints rows/s, MB/s and peak memory of each and the ratios handoff / mydumper+myloader and
# handoff / dump pipe. Every copy is checked afterwards by VERIFY (its engine, verify-kit), which names every differing
# key. On MySQL, mydumper + myloader run twice, without and with --ssl: handoff (Connector/J) and the MySQL programs of
# the dump pipe use TLS where the server offers it, mydumper 0.10 only when asked, so the ratio is printed against both.
# A benchmark, not a test: `./mvnw verify` never runs it.
#
#   bench/seed.sh                       # about 2,000,000 rows over 8 tables, 4 threads, MariaDB on both sides
#   bench/seed.sh 5000000 4 mysql       # ROWS THREADS FLAVOR (mariadb or mysql)
#   bench/seed.sh 2000000 4 mysql pipe  # ... BASELINES: only these (pipe, mydumper; comma-separated), for a quicker run
#
# mydumper and myloader come from Debian's mydumper package, installed here when missing (needs root). Starts its own
# local stack (Kafka broker and two database servers as child processes) and stops it at the end. The build and run log
# goes to cutover-service/target/seed-bench.log.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-2000000}"; threads="${2:-4}"; flavor="${3:-mariadb}"; methods="${4:-pipe,mydumper}"
log=cutover-service/target/seed-bench.log
mkdir -p cutover-service/target
if [[ ",${methods}," == *",mydumper,"* ]] && { ! command -v mydumper >/dev/null || ! command -v myloader >/dev/null; }; then
  echo "[seed-bench] installing mydumper (apt-get)"
  (apt-get install -y mydumper || (apt-get update && apt-get install -y mydumper)) >/dev/null 2>&1 \
    || echo "[seed-bench] mydumper could not be installed: only handoff and the dump pipe are measured"
fi
command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null 2>&1 || true
./mvnw -B -q -pl common,service-kit,executor-kit,verify-kit,deploy/kafka-broker,deploy/route53-emulator,deploy/aws-emulator-kit,deploy/rds-emulator,deploy/local-stack -am \
  install -DskipTests
# The bench's JVM runs as cutover-service does in its container image (the JIT's C2; the parallel collector, which the
# image's run-java.sh picks unless GC_CONTAINER_OPTIONS says otherwise), not with the test suite's lean flags
# (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC), which halved handoff's rate here. SEED_BENCH_JVM_ARGS adds flags.
if ! ./mvnw -B -pl cutover-service test -Dtest=SeedBench -Dsurefire.failIfNoSpecifiedTests=false "-Dtest.jvm.args=-Xmx1g -XX:+UseParallelGC ${SEED_BENCH_JVM_ARGS:-}" \
    -Dseed.bench.rows="${rows}" -Dseed.bench.threads="${threads}" -Dseed.bench.flavor="${flavor}" -Dseed.bench.methods="${methods}" >"${log}" 2>&1; then
  grep '\[seed-bench\]' "${log}" || true
  echo "benchmark failed: see ${log}" >&2
  exit 1
fi
grep '\[seed-bench\]' "${log}"
