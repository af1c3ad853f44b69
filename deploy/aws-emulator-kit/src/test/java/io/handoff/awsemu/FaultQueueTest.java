package io.handoff.awsemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FaultQueueTest {

    @Test
    void faultsAreServedOncePerCallInQueueOrder() {
        FaultQueue faults = new FaultQueue();
        faults.add(2, EmulatorError.throttling());
        faults.add(1, EmulatorError.injected("ServiceUnavailable", 503));

        assertThat(faults.next().code()).isEqualTo("Throttling");
        assertThat(faults.next().httpStatus()).isEqualTo(400);
        ApiError unavailable = faults.next();
        assertThat(unavailable.code()).isEqualTo("ServiceUnavailable");
        assertThat(unavailable.httpStatus()).isEqualTo(503);
        assertThat(unavailable.type()).isEqualTo("Receiver");
        assertThat(unavailable.getMessage()).isEqualTo("Injected fault: ServiceUnavailable");
        assertThat(faults.next()).isNull();
    }

    @Test
    void clearDropsQueuedFaults() {
        FaultQueue faults = new FaultQueue();
        faults.add(3, EmulatorError.throttling());
        faults.clear();

        assertThat(faults.pending()).isZero();
        assertThat(faults.next()).isNull();
    }

    @Test
    void refusesANegativeCount() {
        assertThatThrownBy(() -> new FaultQueue().add(-1, EmulatorError.throttling()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
