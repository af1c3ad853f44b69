package io.handoff.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks free TCP ports on loopback addresses. A port is free when asked, not reserved; but this process never hands
 * out the same port twice, because the kernel may offer a port again as soon as the probe closed it, and two
 * listeners of one stack (the broker's client and controller ports) must not be given the same one.
 *
 * <p>Ports are picked below the kernel's ephemeral range ({@code net.ipv4.ip_local_port_range}), at random: a port from
 * that range could be given to any outgoing connection (the services', the drivers') between the probe and the
 * listener's bind, and a broker then failed to start with "Address already in use" (seen twice in CI). Without a range
 * below it to pick from, the kernel picks.
 */
public final class FreePorts {
    /** How many ports {@link #orFreeOn} tries before it gives up. */
    private static final int ATTEMPTS = 50;
    /** The lowest port picked: above the ports of common local services. */
    static final int LOWEST = 20_000;
    /** Every port this process picked so far; none is picked again. */
    private static final Set<Integer> PICKED = new HashSet<>();
    /** The first port of the kernel's ephemeral range; ports are picked below it. */
    private static final int EPHEMERAL_FROM = ephemeralFrom();

    private FreePorts() {
    }

    /**
     * Returns {@code requested} when it is positive, otherwise a port that was free a moment ago on every address (the
     * probe binds the wildcard address): a listener on 127.0.0.1 or on all addresses (a Quarkus service's default) gets
     * a port that no listener on another loopback address holds either, as the stack's database servers (127.0.0.2,
     * 127.0.0.3) and the RDS emulator's endpoints do, which a probe of 127.0.0.1 alone did not see (a packaged
     * cutover-service then failed to start in CI: "Port ... seems to be in use").
     */
    public static int orFree(int requested) {
        return orFreeOn(requested, List.of("0.0.0.0"));
    }

    /**
     * Returns {@code requested} when it is positive, otherwise one port that was free a moment ago on every one of
     * {@code hosts}: for listeners that share a port, each on its own address, as two database hosts both listen on
     * 3306, so that DNS, which switches only an address, alone decides which one a client reaches.
     *
     * @param hosts IP addresses, at least one
     * @throws UncheckedIOException when no port was free on all of them in {@value #ATTEMPTS} tries
     */
    public static synchronized int orFreeOn(int requested, List<String> hosts) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("at least one host");
        }
        if (requested > 0) {
            return requested;
        }
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<ServerSocket> held = new ArrayList<>();
            try {
                held.add(new ServerSocket(candidate(), 1, InetAddress.getByName(hosts.get(0))));
                int port = held.get(0).getLocalPort();
                if (PICKED.contains(port)) {
                    continue; // handed out before in this process, perhaps to a listener not started yet
                }
                for (String host : hosts.subList(1, hosts.size())) {
                    held.add(new ServerSocket(port, 1, InetAddress.getByName(host)));
                }
                PICKED.add(port);
                return port;
            } catch (IOException e) {
                last = e; // taken on one of the others: try another port
            } finally {
                held.forEach(FreePorts::closeQuietly);
            }
        }
        throw new UncheckedIOException("no port free on all of " + hosts + " in " + ATTEMPTS + " tries", last);
    }

    /** A random port below the ephemeral range, or 0 (the kernel picks) when there is no room below it. */
    private static int candidate() {
        if (EPHEMERAL_FROM - LOWEST < 1_000) {
            return 0;
        }
        return LOWEST + java.util.concurrent.ThreadLocalRandom.current().nextInt(EPHEMERAL_FROM - LOWEST);
    }

    /** The first port of {@code /proc/sys/net/ipv4/ip_local_port_range}; Linux's default 32768 when it cannot be read. */
    static int ephemeralFrom() {
        // Read a line: Files.readString of this /proc file returns a wrong text on this JDK (its size reads as 0).
        try (java.io.BufferedReader range = java.nio.file.Files.newBufferedReader(
                java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            return Integer.parseInt(range.readLine().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // it was only held to test the port
        }
    }
}
