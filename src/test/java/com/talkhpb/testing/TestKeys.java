package com.talkhpb.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** Private keys generated at test time, so no key material, real or real-looking, sits in the repository. */
public final class TestKeys {
    private TestKeys() {
    }

    /** A fresh Ed25519 private key as PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"). */
    public static String privateKeyPem() {
        try {
            byte[] der = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
