package com.talkhpb.verify;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** STUN binding and TURN allocations (over UDP, and over TLS on the HTTPS port) against coturn, as a WebRTC client makes them. */
public final class TurnProbe {
    private static final int ATTEMPTS = 3;
    private static final Duration WAIT = Duration.ofSeconds(2);
    private final InetSocketAddress server;

    public TurnProbe(InetSocketAddress server) {
        this.server = server;
    }

    public Check stunBinding() {
        if (server.isUnresolved()) {
            return Check.fail("stun", server.getHostString() + " does not resolve", "Point DNS at the HPB's public address.");
        }
        try (DatagramSocket socket = new DatagramSocket()) {
            StunMessage response = exchange(socket, StunMessage.request(StunMessage.BINDING), null);
            if (response.type() != (StunMessage.BINDING | StunMessage.SUCCESS)) {
                return Check.fail("stun", "binding refused: " + response.errorCode().orElse("unknown error"), "Check coturn's log.");
            }
            return Check.pass("stun", text(server) + " sees this machine as "
                    + response.xorAddress(StunMessage.XOR_MAPPED_ADDRESS).map(TurnProbe::text).orElse("(no address)"));
        } catch (IOException e) {
            return Check.fail("stun", "no STUN answer from " + text(server) + " (" + e.getMessage() + ")",
                    "Open UDP " + server.getPort() + " in the firewall and check that coturn runs.");
        }
    }

    /** Allocates with REST credentials derived from the TURN secret, as Talk hands them out, then releases. */
    public Check allocate(String turnSecret) {
        if (server.isUnresolved()) {
            return Check.fail("turn", server.getHostString() + " does not resolve", "Point DNS at the HPB's public address.");
        }
        try (DatagramSocket socket = new DatagramSocket()) {
            return allocate("turn", turnSecret, (request, key) -> exchange(socket, request, key), "");
        } catch (IOException e) {
            return Check.fail("turn", "no TURN answer from " + text(server) + " (" + e.getMessage() + ")",
                    "Open UDP " + server.getPort() + " in the firewall and check that coturn runs.");
        }
    }

    /**
     * The same over TLS to {@code httpsPort} asking for {@code turnsName}, as a browser behind a firewall
     * that admits only HTTPS reaches TURN: the certificate must be valid for that name, and nginx must
     * hand the connection to coturn, not to the HTTPS server.
     */
    public Check allocateOverTls(String turnSecret, String turnsName, int httpsPort, SSLContext tls) {
        String where = turnsName + " on " + server.getHostString() + ":" + httpsPort;
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(server.getAddress(), httpsPort), (int) WAIT.toMillis() * ATTEMPTS);
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(raw, turnsName, httpsPort, true)) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.setSoTimeout((int) WAIT.toMillis() * ATTEMPTS);
                try {
                    socket.startHandshake();
                } catch (IOException e) {
                    return Check.fail("turns", "TLS to " + where + " failed: " + e.getMessage(),
                            "The certificate must name " + turnsName + " too (the configure step renews it), and "
                                    + turnsName + " must resolve to the HPB.");
                }
                return allocate("turns", turnSecret, (request, key) -> exchange(socket, request, key), " over TLS to " + where);
            }
        } catch (IOException e) {
            return Check.fail("turns", "no TURN answer over TLS from " + where + " (" + e.getMessage() + ")",
                    "nginx must pass " + turnsName + " to coturn: check talk-hpb:turnsName and nginx's error log.");
        }
    }

    /** One STUN request and its answer, over whichever transport. */
    private interface Exchange {
        StunMessage send(StunMessage request, byte[] key) throws IOException;
    }

    private static Check allocate(String check, String turnSecret, Exchange exchange, String how) throws IOException {
        String username = Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond() + ":talk-hpb-verify";
        String password = Hmac.turnPassword(turnSecret, username);
        StunMessage challenge = exchange.send(StunMessage.request(StunMessage.ALLOCATE).requestedTransportUdp(), null);
        String realm = challenge.text(StunMessage.REALM).orElse("");
        String nonce = challenge.text(StunMessage.NONCE).orElse("");
        if (realm.isEmpty() || nonce.isEmpty()) {
            return Check.fail(check, "the server asked for no credentials: " + challenge.errorCode().orElse("no error"),
                    "coturn must run with use-auth-secret.");
        }
        byte[] key = StunMessage.longTermKey(username, realm, password);
        StunMessage allocated = exchange.send(StunMessage.request(StunMessage.ALLOCATE).requestedTransportUdp()
                .credentials(username, realm, nonce), key);
        if (allocated.type() != (StunMessage.ALLOCATE | StunMessage.SUCCESS)) {
            return Check.fail(check, "allocation refused: " + allocated.errorCode().orElse("unknown error"),
                    "The TURN secret differs from coturn's static-auth-secret (or its clock is off).");
        }
        exchange.send(StunMessage.request(StunMessage.REFRESH).lifetime(0).credentials(username, realm, nonce), key);
        return Check.pass(check, "allocated relay " + allocated.xorAddress(StunMessage.XOR_RELAYED_ADDRESS)
                .map(TurnProbe::text).orElse("(no address)") + how + " with credentials from the TURN secret, released");
    }

    /** STUN over a stream (RFC 5389 7.2.2): messages back to back, each framed by the length in its header. */
    private static StunMessage exchange(SSLSocket socket, StunMessage request, byte[] key) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(key == null ? request.encode() : request.encode(key));
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        while (true) {
            byte[] header = new byte[StunMessage.HEADER_LENGTH];
            in.readFully(header);
            int length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
            byte[] message = Arrays.copyOf(header, StunMessage.HEADER_LENGTH + length);
            in.readFully(message, StunMessage.HEADER_LENGTH, length);
            StunMessage response = StunMessage.decode(message, message.length);
            if (response.answers(request)) {
                return response;
            }
        }
    }

    private static String text(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return host + ":" + address.getPort();
    }

    private StunMessage exchange(DatagramSocket socket, StunMessage request, byte[] key) throws IOException {
        byte[] out = key == null ? request.encode() : request.encode(key);
        socket.setSoTimeout((int) WAIT.toMillis());
        byte[] buffer = new byte[2048];
        for (int attempt = 1; ; attempt++) {
            socket.send(new DatagramPacket(out, out.length, server));
            try {
                while (true) {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    socket.receive(packet);
                    StunMessage response = StunMessage.decode(packet.getData(), packet.getLength());
                    if (response.answers(request)) {
                        return response;
                    }
                }
            } catch (SocketTimeoutException timeout) {
                if (attempt == ATTEMPTS) {
                    throw new IOException("timed out after " + ATTEMPTS + " tries", timeout);
                }
            }
        }
    }
}
