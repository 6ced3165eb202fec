package com.talkhpb.verify;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;

/** STUN binding and a TURN allocation over UDP against coturn, as a WebRTC client makes them. */
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
        String username = Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond() + ":talk-hpb-verify";
        String password = Hmac.turnPassword(turnSecret, username);
        try (DatagramSocket socket = new DatagramSocket()) {
            StunMessage challenge = exchange(socket, StunMessage.request(StunMessage.ALLOCATE).requestedTransportUdp(), null);
            String realm = challenge.text(StunMessage.REALM).orElse("");
            String nonce = challenge.text(StunMessage.NONCE).orElse("");
            if (realm.isEmpty() || nonce.isEmpty()) {
                return Check.fail("turn", "the server asked for no credentials: " + challenge.errorCode().orElse("no error"),
                        "coturn must run with use-auth-secret.");
            }
            byte[] key = StunMessage.longTermKey(username, realm, password);
            StunMessage allocated = exchange(socket, StunMessage.request(StunMessage.ALLOCATE).requestedTransportUdp()
                    .credentials(username, realm, nonce), key);
            if (allocated.type() != (StunMessage.ALLOCATE | StunMessage.SUCCESS)) {
                return Check.fail("turn", "allocation refused: " + allocated.errorCode().orElse("unknown error"),
                        "The TURN secret differs from coturn's static-auth-secret (or its clock is off).");
            }
            exchange(socket, StunMessage.request(StunMessage.REFRESH).lifetime(0).credentials(username, realm, nonce), key);
            return Check.pass("turn", "allocated relay " + allocated.xorAddress(StunMessage.XOR_RELAYED_ADDRESS)
                    .map(TurnProbe::text).orElse("(no address)") + " with credentials from the TURN secret, released");
        } catch (IOException e) {
            return Check.fail("turn", "no TURN answer from " + text(server) + " (" + e.getMessage() + ")",
                    "Open UDP " + server.getPort() + " in the firewall and check that coturn runs.");
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
