#!/usr/bin/env bash
# ./demo --drill list | ./demo --drill NAME [--at POINT] — one fault drill on the embedded stack (Kafka broker, two
# MariaDB servers, the four services as processes, two applications writing through DNS at 200 writes/s each): a flip
# with the fault injected at the named point, then the invariants checked from the servers (the plan COMPLETED or
# ROLLED_BACK, no acknowledged write lost, none acknowledged by the old master after its fence, never two writable
# servers in the probes' samples, DNS on the final master, the other server replicating from it). The drill is the
# failsafe test of deploy/demo that bench/drills.sh runs too (DrillRig); it prints the drill's row (outcome, writes
# blocked per application, lost writes, both-writable time, servers writable after) and exits 1 when an invariant
# failed. A parameterized drill without --at runs at every one of its points. Log: .demo/drill.log.
set -euo pipefail
cd "$(dirname "$0")/../.."

fence_points="READ_ONLY-source-after READ_ONLY-target-after KILL_CONNECTIONS-source-after FLUSH_TABLES-source-after WAIT_SYNC-target-before WAIT_SYNC-target-after STOP_REPLICA-target-after CAPTURE_POSITION-target-after WRITABLE-target-before WRITABLE-target-after RESET_REPLICA-source-after REVERSE_REPLICATION-source-after RESET_REPLICA-target-after"
hang_points="READ_ONLY-source-before KILL_CONNECTIONS-source-before WAIT_SYNC-target-before STOP_REPLICA-target-before WRITABLE-target-before REVERSE_REPLICATION-source-before"
two_points="KILL_CONNECTIONS-source-after WRITABLE-target-after"

# name|test (class#method)|summary file|points (empty: one fixed point)|what
drills=(
  "cutover-killed|FenceCrashDrillIT#cutoverServiceKilledInsideTheFenceEndsWithOneWritableMasterAndNothingLost|fence-crash-drills|$fence_points|cutover-service killed with SIGKILL at a step of the fence, restarted"
  "two-cutover-instances|FenceCrashDrillIT#oneOfTwoCutoverInstancesKilledInsideTheFenceTheOtherFinishesIt|fence-crash-drills|$two_points|two cutover-service instances, the busy one killed with SIGKILL, the other finishes"
  "old-master-hung|FenceCrashDrillIT#oldMasterHungInsideTheFenceEndsWithOneWritableMasterAndNothingLost|fence-crash-drills|$hang_points|the old master's server stopped (SIGSTOP) for 10 s at a step of the fence"
  "new-master-killed|FenceCrashDrillIT#newMasterKilledBeforeItCaughtUpRollsBackOnceItIsBackWithTheOldMasterWritableAgain|fence-crash-drills||the new master's server killed (SIGKILL) at WAIT_SYNC, back after 5 s: must roll back"
  "old-master-killed|FenceCrashDrillIT#oldMasterKilledAfterTheFenceComesBackReadOnlyAndTheFlipCompletes|fence-crash-drills||the old master's server killed (SIGKILL) after the fence, back read-only after 5 s: must complete"
  "new-master-replication-error|FenceCrashDrillIT#newMasterReplicationStoppedOnAnErrorInsideTheFenceRollsBackAtOnce|fence-crash-drills||the new master's replication stops on a duplicate key at WAIT_SYNC: must roll back at once"
  "planner-killed|FaultDrillIT#plannerKilledWhileWaitSyncIsInFlightReplaysItsPlanAndCompletesTheFlip|fault-drills||planner-service killed with SIGKILL during WAIT_SYNC"
  "cutover-killed-dns-first|FaultDrillIT#cutoverServiceKilledDuringWaitSyncRunsTheRedeliveredCommandAndCompletesTheFlip|fault-drills||cutover-service killed with SIGKILL during WAIT_SYNC of a dns-first flip"
  "dns-killed|FaultDrillIT#dnsServiceKilledWhileItsChangeIsPendingConvergesAfterRestartAndCompletesTheFlip|fault-drills||dns-service killed with SIGKILL while its Route 53 change is PENDING"
  "monitor-killed|FaultDrillIT#replicationMonitorKilledAfterTheLagGateStopsCleanlyAfterRestartAndTheFlipCompletes|fault-drills||replication-monitor killed with SIGKILL after the lag gate passed"
  "broker-stopped|FaultDrillIT#kafkaBrokerStoppedForTenSecondsMidFlipDelaysTheFlipWithoutBreakingIt|fault-drills||the Kafka broker stopped for 10 s during WAIT_SYNC"
  "broker-killed|FaultDrillIT#kafkaBrokerKilledWithSigkillMidFlipRecoversItsLogsAndTheFlipCompletes|fault-drills||the Kafka broker killed with SIGKILL during WAIT_SYNC, restarted after 10 s"
  "route53-throttling|FaultDrillIT#route53ThrottlingTheDnsSwitchHardIsRetriedAndTheFlipCompletes|fault-drills||Route 53 throttling the DNS switch's next 10 API calls"
  "route53-503|FaultDrillIT#route53AnsweringABurstOf503sDuringTheDnsSwitchIsRetriedAndTheFlipCompletes|fault-drills||Route 53 answering 503 to the DNS switch's next 6 API calls"
  "monitor-killed-at-gate|MonitorRestartAtLagGateIT|monitor-restart-drill||replication-monitor killed with SIGKILL while the lag gate holds READ_ONLY"
  "replication-broken-mid-prepare|ReplicationBrokenMidPrepareDrillIT|replication-broken-drill||the target's replication broken (duplicate key) during WAIT_CAUGHT_UP, repaired"
  "source-restarted-during-seed|SourceRestartDuringSeedDrillIT|source-restart-seed-drill||the source restarted (down 8 s) while SEED streamed"
)

usage() {
  echo "usage: ./demo --drill list | ./demo --drill NAME [--at POINT]" >&2
  exit 2
}

[ $# -ge 1 ] || usage
if [ "$1" = list ]; then
  for drill in "${drills[@]}"; do
    IFS='|' read -r name test summary points what <<< "$drill"
    printf '%-32s %s\n' "$name" "$what"
    [ -z "$points" ] || printf '%-32s   points: %s\n' "" "$points"
  done
  exit 0
fi
wanted="$1"; shift
at=""
if [ $# -gt 0 ]; then
  [ "$1" = "--at" ] && [ $# -eq 2 ] || usage
  at="$2"
fi
for drill in "${drills[@]}"; do
  IFS='|' read -r name test summary points what <<< "$drill"
  [ "$name" = "$wanted" ] || continue
  if [ -n "$at" ]; then
    [ -n "$points" ] || { echo "drill $name has one fixed point; --at is not taken" >&2; exit 2; }
    [[ " $points " == *" $at "* ]] || { echo "drill $name has no point $at; its points: $points" >&2; exit 2; }
  fi
  mkdir -p .demo
  echo "== drill $name${at:+ at $at}: $what"
  echo "== building (./mvnw install, tests skipped; log in .demo/build.log)"
  ./mvnw -B -q -DskipTests install > .demo/build.log 2>&1 || { tail -40 .demo/build.log; exit 1; }
  rm -f "deploy/demo/target/$summary.txt"
  echo "== running $test on the embedded stack (log in .demo/drill.log)"
  status=0
  ./mvnw -B -ntp -pl deploy/demo verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test="$test" \
    -Dfailsafe.failIfNoSpecifiedTests=false ${at:+-Dhandoff.drill.at=$at} > .demo/drill.log 2>&1 || status=$?
  [ -f "deploy/demo/target/$summary.txt" ] && cat "deploy/demo/target/$summary.txt"
  if [ $status -eq 0 ]; then
    echo "== drill $name: every invariant held"
  else
    grep -E "Tests run:|FAIL|expected|Expect" .demo/drill.log | head -20
    echo "== drill $name: FAILED (see .demo/drill.log)"
    exit 1
  fi
  exit 0
done
echo "no drill named $wanted; ./demo --drill list shows them" >&2
exit 2
