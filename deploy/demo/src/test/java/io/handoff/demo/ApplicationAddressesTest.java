package io.handoff.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplicationAddressesTest {
    private static final String SOURCE = "127.0.0.2";
    private static final String TARGET = "127.0.0.3";

    private static Map<String, InetSocketAddress> reached(String source, int sourcePort, String target, int targetPort) {
        Map<String, InetSocketAddress> byServer = new LinkedHashMap<>();
        byServer.put(SOURCE, new InetSocketAddress(source, sourcePort));
        byServer.put(TARGET, new InetSocketAddress(target, targetPort));
        return byServer;
    }

    @Test
    void throughEndpointsEachServerIsReachedAtItsEndpointOnTheSharedPort() {
        ApplicationAddresses addresses = ApplicationAddresses.of(reached("127.0.1.2", 4306, "127.0.1.3", 4306));

        assertThat(addresses.ofServer(SOURCE)).isEqualTo("127.0.1.2");
        assertThat(addresses.ofServer(TARGET)).isEqualTo("127.0.1.3");
        assertThat(addresses.port()).isEqualTo(4306);
        assertThat(addresses.throughEndpoints()).isTrue();
        assertThat(addresses.describe()).isEqualTo("127.0.0.2 at 127.0.1.2:4306, 127.0.0.3 at 127.0.1.3:4306");
    }

    @Test
    void directlyEachServerIsReachedAtItsOwnAddress() {
        ApplicationAddresses addresses = ApplicationAddresses.of(reached(SOURCE, 3306, TARGET, 3306));

        assertThat(addresses.ofServer(SOURCE)).isEqualTo(SOURCE);
        assertThat(addresses.ofServer(TARGET)).isEqualTo(TARGET);
        assertThat(addresses.throughEndpoints()).isFalse();
        assertThat(addresses).isEqualTo(new ApplicationAddresses(Map.of(SOURCE, SOURCE, TARGET, TARGET), 3306));
    }

    @Test
    void addressesThatDnsCannotSwitchBetweenAreRefused() {
        assertThatThrownBy(() -> ApplicationAddresses.of(reached("127.0.1.2", 4306, "127.0.1.3", 4307)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one port");
        assertThatThrownBy(() -> ApplicationAddresses.of(reached("127.0.1.2", 4306, "127.0.1.2", 4306)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two servers reached at one address");
        assertThatThrownBy(() -> ApplicationAddresses.of(reached(SOURCE, 3306, TARGET, 3306)).ofServer("127.0.0.9"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no server 127.0.0.9");
    }
}
