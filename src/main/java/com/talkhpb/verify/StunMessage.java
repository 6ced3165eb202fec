package com.talkhpb.verify;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The few STUN/TURN messages verify sends (RFC 5389, RFC 5766): Binding, and Allocate/Refresh with
 * long-term credentials. Written here because no maintained Java STUN library is small enough to be
 * worth a dependency for four message types (ice4j brings a whole ICE stack).
 */
public final class StunMessage {
    public static final int BINDING = 0x0001;
    public static final int ALLOCATE = 0x0003;
    public static final int REFRESH = 0x0004;
    public static final int SUCCESS = 0x0100;
    public static final int ERROR = 0x0110;

    static final int USERNAME = 0x0006;
    static final int MESSAGE_INTEGRITY = 0x0008;
    static final int ERROR_CODE = 0x0009;
    static final int LIFETIME = 0x000D;
    static final int REALM = 0x0014;
    static final int NONCE = 0x0015;
    static final int XOR_RELAYED_ADDRESS = 0x0016;
    static final int REQUESTED_TRANSPORT = 0x0019;
    static final int XOR_MAPPED_ADDRESS = 0x0020;
    static final int MAGIC_COOKIE = 0x2112A442;
    /** Type, length, magic cookie and transaction id. */
    static final int HEADER_LENGTH = 20;
    private static final int UDP = 17;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int type;
    private final byte[] transactionId;
    private final Map<Integer, byte[]> attributes;

    private StunMessage(int type, byte[] transactionId, Map<Integer, byte[]> attributes) {
        this.type = type;
        this.transactionId = transactionId;
        this.attributes = attributes;
    }

    public static StunMessage request(int method) {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        return new StunMessage(method, id, new LinkedHashMap<>());
    }

    public StunMessage requestedTransportUdp() {
        attributes.put(REQUESTED_TRANSPORT, new byte[] {UDP, 0, 0, 0});
        return this;
    }

    public StunMessage lifetime(int seconds) {
        attributes.put(LIFETIME, ByteBuffer.allocate(4).putInt(seconds).array());
        return this;
    }

    public StunMessage credentials(String username, String realm, String nonce) {
        attributes.put(USERNAME, username.getBytes(StandardCharsets.UTF_8));
        attributes.put(REALM, realm.getBytes(StandardCharsets.UTF_8));
        attributes.put(NONCE, nonce.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public int type() {
        return type;
    }

    public boolean answers(StunMessage request) {
        return Arrays.equals(transactionId, request.transactionId);
    }

    public Optional<String> text(int attribute) {
        return Optional.ofNullable(attributes.get(attribute)).map(v -> new String(v, StandardCharsets.UTF_8));
    }

    public Optional<String> errorCode() {
        return Optional.ofNullable(attributes.get(ERROR_CODE)).map(v -> (v[2] & 0x7) * 100 + (v[3] & 0xff) + " "
                + new String(v, 4, v.length - 4, StandardCharsets.UTF_8));
    }

    public Optional<InetSocketAddress> xorAddress(int attribute) {
        byte[] v = attributes.get(attribute);
        if (v == null || v[1] != 0x01) {
            return Optional.empty(); // only IPv4 is asked for
        }
        int port = ((v[2] & 0xff) << 8 | (v[3] & 0xff)) ^ (MAGIC_COOKIE >>> 16);
        byte[] address = new byte[4];
        byte[] cookie = ByteBuffer.allocate(4).putInt(MAGIC_COOKIE).array();
        for (int i = 0; i < 4; i++) {
            address[i] = (byte) (v[4 + i] ^ cookie[i]);
        }
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByAddress(address), port));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Without credentials: the plain message. */
    public byte[] encode() {
        return encode(null);
    }

    /** With the long-term key MD5(username:realm:password): MESSAGE-INTEGRITY over everything before it. */
    public byte[] encode(byte[] longTermKey) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        attributes.forEach((attribute, value) -> writeAttribute(body, attribute, value));
        byte[] withoutIntegrity = header(body.size() + (longTermKey == null ? 0 : 24), body.toByteArray());
        if (longTermKey == null) {
            return withoutIntegrity;
        }
        ByteArrayOutputStream full = new ByteArrayOutputStream();
        full.writeBytes(withoutIntegrity);
        writeAttribute(full, MESSAGE_INTEGRITY, hmacSha1(longTermKey, withoutIntegrity));
        return full.toByteArray();
    }

    public static byte[] longTermKey(String username, String realm, String password) {
        try {
            return MessageDigest.getInstance("MD5").digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static StunMessage decode(byte[] packet, int length) {
        ByteBuffer in = ByteBuffer.wrap(packet, 0, length);
        if (length < 20) {
            throw new IllegalArgumentException("not a STUN message: " + length + " bytes");
        }
        int type = in.getShort() & 0xffff;
        int bodyLength = in.getShort() & 0xffff;
        if (in.getInt() != MAGIC_COOKIE || bodyLength + 20 > length) {
            throw new IllegalArgumentException("not a STUN message");
        }
        byte[] id = new byte[12];
        in.get(id);
        Map<Integer, byte[]> attributes = new LinkedHashMap<>();
        while (in.position() + 4 <= 20 + bodyLength) {
            int attribute = in.getShort() & 0xffff;
            int size = in.getShort() & 0xffff;
            byte[] value = new byte[size];
            in.get(value);
            in.position(in.position() + (4 - size % 4) % 4);
            attributes.putIfAbsent(attribute, value);
        }
        return new StunMessage(type, id, attributes);
    }

    private byte[] header(int bodyLength, byte[] body) {
        return ByteBuffer.allocate(20 + body.length).putShort((short) type).putShort((short) bodyLength)
                .putInt(MAGIC_COOKIE).put(transactionId).put(body).array();
    }

    private static void writeAttribute(ByteArrayOutputStream out, int attribute, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(4).putShort((short) attribute).putShort((short) value.length).array());
        out.writeBytes(value);
        out.writeBytes(new byte[(4 - value.length % 4) % 4]);
    }

    private static byte[] hmacSha1(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
