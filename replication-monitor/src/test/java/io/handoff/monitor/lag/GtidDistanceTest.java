package io.handoff.monitor.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.LagSample;
import org.junit.jupiter.api.Test;

class GtidDistanceTest {

    @Test
    void mariaDbDistanceIsTheSequenceGapPerDomain() {
        assertThat(GtidDistance.transactionsBehind("0-1-42", "0-1-40")).isEqualTo(2);
        assertThat(GtidDistance.transactionsBehind("0-1-42,1-2-10", "1-2-7,0-1-42")).isEqualTo(3);
        assertThat(GtidDistance.transactionsBehind("0-1-42", "0-1-42")).isZero();
    }

    @Test
    void replicaAheadOfAnEarlierSourceReadIsNotBehind() {
        assertThat(GtidDistance.transactionsBehind("0-1-40", "0-1-42")).isZero();
    }

    @Test
    void mysqlDistanceCountsTransactionsTheReplicaLacks() {
        String uuid = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
        assertThat(GtidDistance.transactionsBehind(uuid + ":1-10", uuid + ":1-7")).isEqualTo(3);
        assertThat(GtidDistance.transactionsBehind(uuid + ":1-10:12", uuid + ":1-5:7-10")).isEqualTo(2);
    }

    @Test
    void mysqlTaggedGtidsAreTransactionsOfTheirOwnUuidAndTag() {
        String uuid = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
        assertThat(GtidDistance.transactionsBehind(uuid + ":1-10:Batch:1-3", uuid + ":1-10")).isEqualTo(3);
        assertThat(GtidDistance.transactionsBehind(uuid + ":1-10:batch:1-3", uuid + ":1-9:BATCH:1-3")).isEqualTo(1);
        assertThat(GtidDistance.transactionsBehind(uuid + ":batch:2", uuid + ":1-5")).isEqualTo(1);
    }

    @Test
    void unknownWhenAPositionIsMissingOrUnreadable() {
        assertThat(GtidDistance.transactionsBehind(null, "0-1-1")).isEqualTo(LagSample.UNKNOWN);
        assertThat(GtidDistance.transactionsBehind("0-1-5", "")).isEqualTo(LagSample.UNKNOWN);
        assertThat(GtidDistance.transactionsBehind("garbage", "0-1-1")).isEqualTo(LagSample.UNKNOWN);
        assertThat(GtidDistance.transactionsBehind("", "")).isZero();
    }
}
