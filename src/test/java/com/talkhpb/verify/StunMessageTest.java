package com.talkhpb.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Encoding is also exercised against the real coturn in HpbIT; these pin the wire format. */
class StunMessageTest {
    @Test
    void anAuthenticatedRequestEndsWithAnIntegrityOverEverythingBeforeItAndCountsItInTheLength() throws Exception {
        byte[] key = StunMessage.longTermKey("1700000000:talk-hpb-verify", "hpb.example.com", "password");
        byte[] packet = StunMessage.request(StunMessage.ALLOCATE).requestedTransportUdp()
                .credentials("1700000000:talk-hpb-verify", "hpb.example.com", "nonce").encode(key);

        ByteBuffer header = ByteBuffer.wrap(packet);
        assertThat(header.getShort() & 0xffff).isEqualTo(StunMessage.ALLOCATE);
        assertThat(header.getShort() & 0xffff).isEqualTo(packet.length - 20);
        assertThat(header.getInt()).isEqualTo(StunMessage.MAGIC_COOKIE);
        int integrityAt = packet.length - 24;
        assertThat(ByteBuffer.wrap(packet, integrityAt, 4).getInt()).isEqualTo(StunMessage.MESSAGE_INTEGRITY << 16 | 20);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "HmacSHA1"));
        assertThat(Arrays.copyOfRange(packet, integrityAt + 4, packet.length))
                .isEqualTo(mac.doFinal(Arrays.copyOfRange(packet, 0, integrityAt)));
        assertThat(packet.length % 4).isZero();
    }

    @Test
    void xorMappedAddressesDecode() {
        StunMessage request = StunMessage.request(StunMessage.BINDING);
        byte[] sent = request.encode();
        // A success response with XOR-MAPPED-ADDRESS 192.0.2.1:32853, as RFC 5769 section 2.2 encodes it.
        ByteBuffer response = ByteBuffer.allocate(32).putShort((short) 0x0101).putShort((short) 12)
                .put(sent, 4, 16)
                .putShort((short) StunMessage.XOR_MAPPED_ADDRESS).putShort((short) 8)
                .put(new byte[] {0, 1, (byte) 0xa1, 0x47, (byte) 0xe1, 0x12, (byte) 0xa6, 0x43});

        StunMessage decoded = StunMessage.decode(response.array(), 32);

        assertThat(decoded.answers(request)).isTrue();
        assertThat(decoded.xorAddress(StunMessage.XOR_MAPPED_ADDRESS)).contains(new InetSocketAddress("192.0.2.1", 32853));
    }
}
