package io.handoff.route53emu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FaultInjectorTest {

    @Test
    void faultsAreServedOncePerCallInQueueOrder() {
        FaultInjector faults = new FaultInjector();
        faults.throttleNextCalls(2);
        faults.failNextCalls(1, "ServiceUnavailable");
        faults.failNextCalls(1, "SomethingElse");

        assertThat(faults.next().code()).isEqualTo("Throttling");
        assertThat(faults.next().httpStatus()).isEqualTo(400);
        Route53Error unavailable = faults.next();
        assertThat(unavailable.code()).isEqualTo("ServiceUnavailable");
        assertThat(unavailable.httpStatus()).isEqualTo(503);
        assertThat(unavailable.type()).isEqualTo("Receiver");
        assertThat(faults.next().httpStatus()).isEqualTo(400);
        assertThat(faults.next()).isNull();
    }

    @Test
    void clearDropsQueuedFaults() {
        FaultInjector faults = new FaultInjector();
        faults.throttleNextCalls(3);
        faults.clear();

        assertThat(faults.pending()).isZero();
        assertThat(faults.next()).isNull();
    }
}
