package com.talkhpb.verify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The HMACs Talk and the signaling server use, computed with the JDK. */
public final class Hmac {
    private Hmac() {
    }

    /** hex(HMAC-SHA256(secret, message)): backend checksums and internal-client tokens. */
    public static String sha256Hex(String secret, String message) {
        return HexFormat.of().formatHex(mac("HmacSHA256", secret, message));
    }

    /** base64(HMAC-SHA1(secret, username)): the TURN REST password coturn derives from its static secret. */
    public static String turnPassword(String secret, String username) {
        return java.util.Base64.getEncoder().encodeToString(mac("HmacSHA1", secret, username));
    }

    private static byte[] mac(String algorithm, String secret, String message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
