package com.talkhpb.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Hello v2 tokens as Nextcloud signs them: an EdDSA (Ed25519) JWT whose subject is the user, checked
 * by the signaling server against the public key Nextcloud publishes in its capabilities.
 */
public final class HelloV2Tokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    /** An X.509 Ed25519 public key is this fixed prefix and the 32 raw key bytes. */
    private static final int X509_ED25519_PREFIX = 12;

    private final KeyPair keys;

    public HelloV2Tokens() throws GeneralSecurityException {
        this.keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    /** The public key as Nextcloud publishes it for Ed25519: the raw 32 bytes, base64. */
    public String publicKey() {
        byte[] encoded = keys.getPublic().getEncoded();
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(encoded, X509_ED25519_PREFIX, encoded.length));
    }

    /** A hello v2 body for {@code userid}, authenticated at {@code nextcloudUrl}. */
    public ObjectNode hello(String nextcloudUrl, String authUrl, String userid) throws GeneralSecurityException {
        ObjectNode hello = JSON.createObjectNode();
        hello.put("version", "2.0");
        ObjectNode auth = hello.putObject("auth");
        auth.put("url", authUrl);
        auth.putObject("params").put("token", token(nextcloudUrl, userid));
        return hello;
    }

    String token(String issuer, String userid) throws GeneralSecurityException {
        long now = Instant.now().getEpochSecond();
        ObjectNode header = JSON.createObjectNode().put("alg", "EdDSA").put("typ", "JWT");
        ObjectNode claims = JSON.createObjectNode().put("iss", issuer).put("sub", userid).put("iat", now).put("exp", now + 600);
        claims.putObject("userdata").put("displayname", userid);
        String signed = URL.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(keys.getPrivate());
        signature.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + URL.encodeToString(signature.sign());
    }
}
