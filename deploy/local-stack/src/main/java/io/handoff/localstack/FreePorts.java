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
 */
public final class FreePorts {
    /** How many ports {@link #orFreeOn} tries before it gives up. */
    private static final int ATTEMPTS = 50;
    /** Every port this process picked so far; none is picked again. */
    private static final Set<Integer> PICKED = new HashSet<>();

    private FreePorts() {
    }

    /** Returns {@code requested} when it is positive, otherwise a port that was free a moment ago on 127.0.0.1. */
    public static int orFree(int requested) {
        return orFreeOn(requested, List.of(InetAddress.getLoopbackAddress().getHostAddress()));
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
                held.add(new ServerSocket(0, 1, InetAddress.getByName(hosts.get(0))));
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

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // it was only held to test the port
        }
    }
}
