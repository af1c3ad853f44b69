package io.handoff.rdsemu;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster's application endpoint: a TCP relay to the cluster's database server that stands for the
 * network path applications take. A new connection is admitted only if {@code admits} says so at the
 * moment it arrives (the cluster's security groups in effect admit applications); otherwise it is reset
 * at once (linger 0), which a client sees as a refused connection. Admitted connections are relayed byte
 * for byte both ways until either side closes, and survive later changes of the groups, as established
 * connections survive a security group change (connection tracking): ending them is the job of a kill.
 */
final class EndpointProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointProxy.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final String name;
    private final ServerSocket server;
    private final InetSocketAddress backend;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "rds-endpoint-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private volatile BooleanSupplier admits = () -> false;

    private EndpointProxy(String name, ServerSocket server, InetSocketAddress backend) {
        this.name = name;
        this.server = server;
        this.backend = backend;
    }

    /**
     * Binds {@code address} (port 0: a free port on its address); nothing is accepted until {@link #start}.
     *
     * @throws BindException naming the cluster and the address when it is taken or not local
     */
    static EndpointProxy bind(String name, InetSocketAddress address, InetSocketAddress backend) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(address, 50);
        } catch (IOException e) {
            server.close();
            BindException named = new BindException("cannot bind the application endpoint of " + name + " on "
                    + address.getAddress().getHostAddress() + ":" + address.getPort() + ": " + e.getMessage());
            named.initCause(e);
            throw named;
        }
        return new EndpointProxy(name, server, backend);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    void start(BooleanSupplier admits) {
        this.admits = admits;
        threads.execute(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("rds-emulator: endpoint of {} stopped accepting: {}", name, e.toString());
                }
                return;
            }
            try {
                if (!admits.getAsBoolean()) {
                    LOG.info("rds-emulator: endpoint of {} refused {} (no security group admits applications)", name,
                            client.getRemoteSocketAddress());
                    client.setSoLinger(true, 0);
                    client.close();
                    continue;
                }
                relay(client);
            } catch (IOException | RuntimeException e) {
                LOG.warn("rds-emulator: endpoint of {} could not serve {}: {}", name, client.getRemoteSocketAddress(), e.toString());
                closeQuietly(client);
            }
        }
    }

    private void relay(Socket client) throws IOException {
        Socket upstream = new Socket();
        try {
            upstream.connect(backend, 5_000);
        } catch (IOException e) {
            client.setSoLinger(true, 0);
            closeQuietly(client);
            throw e;
        }
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        open.add(client);
        open.add(upstream);
        threads.execute(() -> pump(client, upstream));
        threads.execute(() -> pump(upstream, client));
    }

    /** Copies {@code from} to {@code to} until either ends, then closes both. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (SocketException e) {
            // the other direction closed the pair, or a peer reset it
        } catch (IOException e) {
            LOG.debug("rds-emulator: relay of {} ended: {}", name, e.toString());
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(this::closeQuietly);
        threads.shutdownNow();
    }
}
