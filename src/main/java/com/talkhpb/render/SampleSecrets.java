package com.talkhpb.render;

import com.talkhpb.facts.SecretKind;
import com.talkhpb.model.SecretRef;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sample values of the right length and alphabet, derived from the stack name so that two renders
 * give identical bytes. They are public by construction: for trying configs, never for a real HPB.
 */
public final class SampleSecrets implements SecretValues {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private final String seed;
    private KeyPair tokenKeyPair;

    public SampleSecrets(String seed) {
        this.seed = seed;
    }

    @Override
    public String valueOf(SecretRef secret) {
        if (secret.kind().rsaKeyPair()) {
            KeyPair pair = tokenKeyPair();
            return secret.kind() == SecretKind.MEDIA_TOKEN_KEY ? pem("PRIVATE KEY", pair.getPrivate().getEncoded())
                    : pem("PUBLIC KEY", pair.getPublic().getEncoded());
        }
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

    /** A real RSA pair (the daemons parse it), the same for the same seed: SHA1PRNG seeded before first use is deterministic. */
    private synchronized KeyPair tokenKeyPair() {
        if (tokenKeyPair == null) {
            try {
                SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
                random.setSeed(hmac("media token key pair"));
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, random);
                tokenKeyPair = generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return tokenKeyPair;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
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
