package com.talkhpb.facts;

import java.util.Set;

/**
 * The secrets an HPB needs, with the length we generate and the lengths the daemons accept.
 * Generated values are alphanumeric, so they are safe in every config syntax we write.
 */
public enum SecretKind {
    /** signaling [sessions] hashkey: 32 or 64 bytes recommended. */
    HASH_KEY("hashKey", 64, Set.of(32, 64), 0),
    /** signaling [sessions] blockkey: the server refuses to start unless it is 16, 24 or 32 bytes; we demand 32. */
    BLOCK_KEY("blockKey", 32, Set.of(32), 0),
    /** signaling [clients] internalsecret. */
    INTERNAL_SECRET("internalSecret", 48, Set.of(), 32),
    /** signaling [turn] apikey: guards its TURN credentials endpoint (/turn/credentials). */
    TURN_API_KEY("turnApiKey", 48, Set.of(), 32),
    /** coturn static-auth-secret, also signaling [turn] secret. */
    TURN_SECRET("turnSecret", 64, Set.of(), 32),
    /** The shared secret of one Nextcloud backend (one per backend). */
    BACKEND_SECRET("secret", 64, Set.of(), 32),
    /** PEM certificate chain for tlsMode provided: given, never generated. */
    TLS_CERTIFICATE("tlsCertificate", 0, Set.of(), 1),
    /** PEM private key for tlsMode provided: given, never generated. */
    TLS_PRIVATE_KEY("tlsPrivateKey", 0, Set.of(), 1),
    /** A media node's proxy [sessions] hashkey (one per node; never given in stack config). */
    PROXY_HASH_KEY(null, 64, Set.of(64), 0),
    /** A media node's proxy [sessions] blockkey (one per node; never given in stack config). */
    PROXY_BLOCK_KEY(null, 32, Set.of(32), 0),
    /**
     * The RSA private key (PEM) the signaling server signs its tokens to the media proxies with
     * ([mcu] token_key): made by the TLS provider, not drawn as a random string.
     */
    MEDIA_TOKEN_KEY(null, 0, Set.of(), 1),
    /** Its public half, which each proxy trusts ([tokens]); not secret, but it comes with the private key. */
    MEDIA_TOKEN_PUBLIC_KEY(null, 0, Set.of(), 1),
    /** The bearer token Prometheus scrapes the metrics endpoint with (only with metricsSourceCidrs; never given in stack config). */
    METRICS_TOKEN(null, 48, Set.of(), 0);

    private final String configKey;
    private final int generatedLength;
    private final Set<Integer> exactLengths;
    private final int minimumLength;

    SecretKind(String configKey, int generatedLength, Set<Integer> exactLengths, int minimumLength) {
        this.configKey = configKey;
        this.generatedLength = generatedLength;
        this.exactLengths = exactLengths;
        this.minimumLength = minimumLength;
    }

    /** The stack config key that supplies this secret explicitly (per backend: {@code nextcloud[i].secret}). */
    public String configKey() {
        return configKey;
    }

    /** Whether the program makes this secret as a random string when the stack config does not give it. */
    public boolean generated() {
        return generatedLength > 0;
    }

    /** Whether a stack may give this secret explicitly under {@link #configKey()} (the host-wide random ones). */
    public boolean givenInStackConfig() {
        return configKey != null && generated() && this != BACKEND_SECRET;
    }

    /** Half of the media proxies' RSA token key pair, which the program makes with the TLS provider. */
    public boolean rsaKeyPair() {
        return this == MEDIA_TOKEN_KEY || this == MEDIA_TOKEN_PUBLIC_KEY;
    }

    public int generatedLength() {
        return generatedLength;
    }

    /** Whether an explicitly given value of this length is acceptable. */
    public boolean acceptsLength(int length) {
        return exactLengths.isEmpty() ? length >= minimumLength : exactLengths.contains(length);
    }

    /** Human-readable length rule, for validation messages. */
    public String lengthRule() {
        if (exactLengths.isEmpty()) {
            return "at least " + minimumLength + " characters";
        }
        return exactLengths.size() == 1
                ? "exactly " + exactLengths.iterator().next() + " characters"
                : exactLengths.stream().sorted().map(String::valueOf).reduce((a, b) -> a + " or " + b).orElseThrow()
                        + " characters";
    }
}
