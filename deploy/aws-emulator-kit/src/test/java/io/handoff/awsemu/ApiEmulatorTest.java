package io.handoff.awsemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ApiEmulatorTest {

    @Test
    void faultControlsQueueTheKitsErrors() throws IOException {
        ApiHttpFront front = ApiHttpFront.bind("test-emulator", InetAddress.getLoopbackAddress(), 0, 1);
        try (Emulator emulator = new Emulator(front)) {
            emulator.throttleNextCalls(1);
            emulator.failNextCalls(2, "PriorRequestNotComplete", 400);

            assertThat(front.faults().pending()).isEqualTo(3);
            assertThat(front.faults().next().code()).isEqualTo("Throttling");
            assertThat(front.faults().next().getMessage()).isEqualTo("Injected fault: PriorRequestNotComplete");
            emulator.clearFaults();
            assertThat(front.faults().pending()).isZero();
        }
    }

    @Test
    void closeStopsTheOtherServersOnce() throws IOException {
        Emulator emulator = new Emulator(ApiHttpFront.bind("test-emulator", InetAddress.getLoopbackAddress(), 0, 1));

        emulator.close();
        emulator.close();

        assertThat(emulator.stops.get()).isEqualTo(1);
    }

    private static final class Emulator extends ApiEmulator {
        final AtomicInteger stops = new AtomicInteger();

        Emulator(ApiHttpFront front) {
            super("test-emulator", front);
        }

        @Override
        protected void stopOtherServers() {
            stops.incrementAndGet();
        }
    }
}
