package io.handoff.route53emu;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * A UDP DNS server: one {@link DatagramSocket} served by one daemon thread, answering each datagram with
 * {@link DnsAnswerer}. Responses larger than the client's UDP size (512 bytes, or its EDNS payload size)
 * are truncated with the TC flag set; there is no TCP listener.
 */
final class DnsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DnsServer.class);
    private static final int EDNS_PAYLOAD = 1232;

    private final DatagramSocket socket;
    private final DnsAnswerer answerer;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Binds the socket; call {@link #start()} to begin serving.
     *
     * @param port 0 for a free port
     */
    DnsServer(InetAddress host, int port, DnsAnswerer answerer) throws SocketException {
        this.socket = new DatagramSocket(new InetSocketAddress(host, port));
        this.answerer = answerer;
        this.thread = new Thread(this::serve, "route53-emulator-dns-" + socket.getLocalPort());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The bound address and port. */
    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void serve() {
        byte[] buffer = new byte[65_535];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                byte[] reply = reply(Arrays.copyOf(packet.getData(), packet.getLength()));
                if (reply != null) {
                    socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("route53-emulator: DNS socket error: {}", e.toString());
                }
            } catch (RuntimeException e) {
                LOG.error("route53-emulator: DNS query failed", e);
            }
        }
    }

    /** The wire response to one datagram, or null to drop it (too short to carry a DNS header). */
    byte[] reply(byte[] datagram) {
        Message query;
        try {
            query = new Message(datagram);
        } catch (IOException e) {
            return formatError(datagram);
        }
        if (query.getHeader().getFlag(Flags.QR)) {
            return null;
        }
        Message response = answerer.answer(query);
        OPTRecord opt = query.getOPT();
        int maxLength = 512;
        if (opt != null) {
            maxLength = Math.max(512, opt.getPayloadSize());
            response.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
        }
        LOG.debug("route53-emulator: DNS {} -> {} ({} answers)", query.getQuestion(),
                Rcode.string(response.getRcode()), response.getSection(Section.ANSWER).size());
        return response.toWire(maxLength);
    }

    private static byte[] formatError(byte[] datagram) {
        if (datagram.length < Header.LENGTH) {
            return null;
        }
        int id = ((datagram[0] & 0xff) << 8) | (datagram[1] & 0xff);
        Message response = new Message(id);
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setRcode(Rcode.FORMERR);
        return response.toWire();
    }

    /** Stops serving and releases the port. */
    @Override
    public void close() {
        closed = true;
        socket.close();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
