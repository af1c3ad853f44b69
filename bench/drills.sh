#!/usr/bin/env bash
# bench/drills.sh [OUT] — runs the whole drill matrix and writes OUT (default bench/DRILLS.md): one row per drill and
# point, with the plan's outcome and what was measured on the servers and the workload after it (lost writes, writes
# acknowledged by the old master after its fence, the old master's own transactions past the fence in its binlog,
# how long both servers accepted a probe write, rows differing at one GTID position, writes blocked, how long the
# plan took to settle), the date, the commit and the machine.
#
# The drills are the failsafe tests of deploy/demo that stand on DrillRig (real Kafka broker, real MariaDB servers,
# the four services as packaged processes, two applications writing through DNS): FenceCrashDrillIT (cutover-service
# killed with SIGKILL at each step of the fence; the busy one of two instances killed; the old master hung with SIGSTOP
# at six steps; the new master's server killed before it caught up, and its replication stopped on an error, which
# must roll back; the old master's server killed after the fence, which must come back read-only), FaultDrillIT (each service killed, the broker stopped and
# killed, Route 53 throttling), SourceRestartDuringSeedDrillIT, ReplicationBrokenMidPrepareDrillIT and
# MonitorRestartAtLagGateIT. A drill that fails still writes its row (its assertions come after), and the script
# exits non-zero. About 25 minutes on 2 cores. Needs nothing but Java 17 (no Docker).
set -uo pipefail
cd "$(dirname "$0")/.."
out="${1:-bench/DRILLS.md}"
drills="FenceCrashDrillIT,FaultDrillIT,SourceRestartDuringSeedDrillIT,ReplicationBrokenMidPrepareDrillIT,MonitorRestartAtLagGateIT"
mkdir -p .bench
echo "== building (log in .bench/build.log)"
./mvnw -B -q -DskipTests install > .bench/build.log 2>&1 || { tail -40 .bench/build.log; exit 1; }
rm -f deploy/demo/target/*-drill*.txt deploy/demo/target/fault-drills.txt deploy/demo/target/fence-crash-drills.txt
echo "== running $drills (log in .bench/drills.log)"
./mvnw -B -ntp -pl deploy/demo verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test="$drills" -Dfailsafe.failIfNoSpecifiedTests=false > .bench/drills.log 2>&1
status=$?
dirty=$(git diff --quiet -- . ":(exclude)$out" || echo ' (with local changes)')
grep -E "Tests run:|FAIL" .bench/drills.log | tail -8

{
  echo "# Drill matrix"
  echo
  echo "Written by \`bench/drills.sh\` on $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)$dirty,"
  echo "on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1). Maven's verdict: $(grep -E '^\[(INFO|ERROR)\] Tests run:' .bench/drills.log | tail -1 | sed 's/^\[[A-Z]*\] //')."
  echo
  echo "Each row: one drill on the real stack (Kafka broker, two MariaDB servers, the four services as processes, two"
  echo "applications writing through DNS at 200 writes/s each). Outcome is the plan's end; every figure after it is measured"
  echo "on the servers and the workload, never read from the plan: *lost* acknowledged writes missing on the master;"
  echo "*acked after fence* writes the old master acknowledged after its READ_ONLY; *census* the old master's own"
  echo "transactions past the fence position in its binlog (null when the plan did not complete); *both writable* how long"
  echo "both servers accepted a probe write (probes every few ms on each); *rowDiffs* rows differing at one GTID position;"
  echo "*writes blocked* the longest gap between acknowledged writes around the flip (all applications); *s* from the drill's"
  echo "start to the plan's end; *writable after* the servers that accept an application's write once the plan ended, read"
  echo "from them and named as the flip's old or new master; *per application* each application's own longest gap."
  echo
  echo "| drill and point | outcome | order | s | writes blocked ms | lost | acked after fence | census | both writable ms | rowDiffs | writable after | per application ms |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  for summary in deploy/demo/target/fence-crash-drills.txt deploy/demo/target/fault-drills.txt deploy/demo/target/*-drill.txt; do
    [ -f "$summary" ] || continue
    # "<drill> <OUTCOME> <order> <s> s  writes blocked <ms> ms  lost <n>  acked by old master after fence <n>  census <n>
    #  both writable <ms> ms (<n> probe writes)  rowDiffs <n>  writable after <servers>  per application <app=ms,...>"
    #  (older drills: "both writable <n> of <m> samples", no rowDiffs, writable after or per application)
    perl -ne 'if (/^(.*\S) +(COMPLETED|ROLLED_BACK|FAILED|ABORTED|RUNNING) +([a-z-]+) +(\d+) s +writes blocked +(\d+) ms +lost (\d+) +acked by old master after fence (\S+)(?: +census (\S+))? +both writable (\d+)(?: ms| of)?.*?(?:rowDiffs (\S+))?(?: +writable after (\S+))?(?: +per application (\S+))?\s*$/) {
        my @f = ($1, $2, $3, $4, $5, $6, $7, $8 // "-", $9, $10 // "-", $11 // "-", $12 // "-");
        $f[11] =~ s/,/, /g; $f[11] =~ s/=/ /g;
        print "| " . join(" | ", @f) . " |\n" }' "$summary"
  done
} > "$out"
rows=$(grep -cE '^\| .* \| (COMPLETED|ROLLED_BACK|FAILED|ABORTED|RUNNING) \|' "$out")
echo "== $rows drills written to $out"
exit $status
