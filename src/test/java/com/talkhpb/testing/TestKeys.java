package com.talkhpb.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** Private keys generated at test time, so no key material, real or real-looking, sits in the repository. */
public final class TestKeys {
    /** An SSH host key ("ssh-ed25519 AAAA…"), the same for the whole test run (a stack's setting must not change between runs). */
    public static final String HOST_KEY = openSshPublicKey();
    /** The fixture stack's host key (Pulumi.existing.yaml): an Ed25519 key of zeros, no real key's. */
    public static final String FIXTURE_HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    private TestKeys() {
    }

    /** A fresh Ed25519 public key in OpenSSH's form: its type, then the base64 of (type, raw key), each length-prefixed. */
    static String openSshPublicKey() {
        try {
            byte[] spki = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
            byte[] raw = java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length);
            byte[] type = "ssh-ed25519".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            java.nio.ByteBuffer blob = java.nio.ByteBuffer.allocate(4 + type.length + 4 + raw.length)
                    .putInt(type.length).put(type).putInt(raw.length).put(raw);
            return "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
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
