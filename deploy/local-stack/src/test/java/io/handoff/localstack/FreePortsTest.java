package io.handoff.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void aFreePortOnSeveralAddressesCanBeBoundOnEachOfThem() throws IOException {
        int port = FreePorts.orFreeOn(0, List.of(StackRds.SOURCE_ENDPOINT_HOST, StackRds.TARGET_ENDPOINT_HOST));

        try (ServerSocket source = new ServerSocket(port, 1, InetAddress.getByName(StackRds.SOURCE_ENDPOINT_HOST));
                ServerSocket target = new ServerSocket(port, 1, InetAddress.getByName(StackRds.TARGET_ENDPOINT_HOST))) {
            assertThat(source.getLocalPort()).isEqualTo(target.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aRequestedPortIsTakenAsIsAndAtLeastOneAddressIsNeeded() {
        assertThat(FreePorts.orFreeOn(3306, List.of("127.0.0.2", "127.0.0.3"))).isEqualTo(3306);
        assertThat(FreePorts.orFree(4406)).isEqualTo(4406);
        assertThat(FreePorts.orFree(0)).isPositive();
        assertThatThrownBy(() -> FreePorts.orFreeOn(0, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void portsArePickedBelowTheKernelsEphemeralRangeSoThatNoOutgoingConnectionTakesThemFirst() {
        int ephemeralFrom = FreePorts.ephemeralFrom();
        for (int i = 0; i < 50; i++) {
            assertThat(FreePorts.orFree(0)).isBetween(FreePorts.LOWEST, ephemeralFrom - 1);
        }
    }

    @Test
    void noPortIsHandedOutTwiceEvenWhenTheKernelOffersItAgain() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            assertThat(ports.add(FreePorts.orFree(0))).as("pick %d", i).isTrue();
        }
    }
}
