package com.talkhpb.render;

import com.talkhpb.model.SecretRef;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sample values of the right length and alphabet, derived from the stack name so that two renders
 * give identical bytes. They are public by construction: for trying configs, never for a real HPB.
 */
public final class SampleSecrets implements SecretValues {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private final String seed;

    public SampleSecrets(String seed) {
        this.seed = seed;
    }

    @Override
    public String valueOf(SecretRef secret) {
        if (!secret.kind().generated()) {
            return "sample " + secret.name() + " (given in stack config)";
        }
        StringBuilder out = new StringBuilder(secret.length());
        for (int block = 0; out.length() < secret.length(); block++) {
            for (byte b : hmac(secret.name() + "#" + block)) {
                if (out.length() < secret.length()) {
                    out.append(ALPHABET.charAt(Math.floorMod(b, ALPHABET.length())));
                }
            }
        }
        return out.toString();
    }

    private byte[] hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(("talk-hpb sample secrets " + seed).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
