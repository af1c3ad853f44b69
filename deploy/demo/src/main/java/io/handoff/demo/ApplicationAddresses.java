package io.handoff.demo;

import io.handoff.localstack.LocalStack;
import io.handoff.localstack.db.DatabaseServer;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the demo's applications reach each server of the local stack under a flip's read-only strategy: the
 * server's own address, or, under {@code security-group-swap}, its cluster's application endpoint (the RDS
 * emulator's relay, which the cluster's security groups open and close), since a security-group fence fences
 * only connections that pass through the endpoint. DNS records carry these addresses, the workload connects
 * to them on {@link #port()}, and acknowledgements name them: a check about a server's acknowledgements or DNS
 * answers looks for {@link #of the server's application address}, never for the server's own address.
 *
 * <p>Every address shares one port, so that a DNS record alone decides which server an application reaches,
 * and no two servers share an address, so that an acknowledgement names exactly one server.
 *
 * @param byServer server's own address -&gt; the address applications reach it at, in the stack's order
 * @param port     the port applications connect on, whichever server
 */
record ApplicationAddresses(Map<String, String> byServer, int port) {
    /** The read-only strategy whose fence is the clusters' security groups, which only their endpoints obey. */
    static final String THROUGH_ENDPOINTS = "security-group-swap";

    ApplicationAddresses {
        byServer = Collections.unmodifiableMap(new LinkedHashMap<>(byServer));
        if (byServer.isEmpty()) {
            throw new IllegalArgumentException("at least one server");
        }
        if (byServer.values().stream().distinct().count() != byServer.size()) {
            throw new IllegalArgumentException("two servers reached at one address: " + byServer);
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * From where applications reach each server (by the server's own address).
     *
     * @throws IllegalArgumentException when they are not all on one port: DNS switches only an address
     */
    static ApplicationAddresses of(Map<String, InetSocketAddress> byServer) {
        List<Integer> ports = byServer.values().stream().map(InetSocketAddress::getPort).distinct().toList();
        if (ports.size() != 1) {
            throw new IllegalArgumentException("applications must reach every server on one port (DNS switches only the"
                    + " address), got " + byServer);
        }
        Map<String, String> addresses = new LinkedHashMap<>();
        byServer.forEach((server, at) -> addresses.put(server, at.getAddress().getHostAddress()));
        return new ApplicationAddresses(addresses, ports.get(0));
    }

    /** How applications reach {@code stack}'s servers when the flip fences with {@code readOnlyStrategy}. */
    static ApplicationAddresses of(LocalStack stack, String readOnlyStrategy) {
        return THROUGH_ENDPOINTS.equals(readOnlyStrategy) ? endpoints(stack) : direct(stack);
    }

    /** Applications connect to the servers themselves. */
    static ApplicationAddresses direct(LocalStack stack) {
        Map<String, InetSocketAddress> byServer = new LinkedHashMap<>();
        for (DatabaseServer server : List.of(stack.source(), stack.target())) {
            byServer.put(server.host(), new InetSocketAddress(server.host(), server.port()));
        }
        return of(byServer);
    }

    /** Applications connect through each server's cluster endpoint. */
    static ApplicationAddresses endpoints(LocalStack stack) {
        Map<String, InetSocketAddress> byServer = new LinkedHashMap<>();
        for (DatabaseServer server : List.of(stack.source(), stack.target())) {
            byServer.put(server.host(), stack.rds().applicationEndpoint(ServerState.clusterId(stack, server)));
        }
        return of(byServer);
    }

    /** The address applications reach {@code server} at: what its DNS records hold and its acknowledgements name. */
    String of(DatabaseServer server) {
        return ofServer(server.host());
    }

    /** The same, by the server's own address. */
    String ofServer(String serverHost) {
        String address = byServer.get(serverHost);
        if (address == null) {
            throw new IllegalArgumentException("no server " + serverHost + " (servers: " + byServer.keySet() + ")");
        }
        return address;
    }

    /** Whether applications reach some server at an address other than its own (an endpoint). */
    boolean throughEndpoints() {
        return byServer.entrySet().stream().anyMatch(e -> !e.getKey().equals(e.getValue()));
    }

    /** For people, e.g. {@code 127.0.0.2 at 127.0.1.2:4306, 127.0.0.3 at 127.0.1.3:4306}. */
    String describe() {
        return String.join(", ", byServer.entrySet().stream().map(e -> e.getKey() + " at " + e.getValue() + ":" + port).toList());
    }
}
