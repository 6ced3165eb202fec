package com.talkhpb.settings;

import java.util.Optional;

/**
 * How the HPB gets its certificate. With ACME: the directory URL of the ACME server (Let's Encrypt's
 * by default) and, for a private ACME server, the CA certificate its HTTPS endpoint is signed by.
 */
public record TlsSettings(TlsMode mode, Optional<String> acmeEmail, SecretInput certificate, SecretInput privateKey,
        String acmeDirectory, Optional<String> acmeCaCertificate) {
    public static final String LETS_ENCRYPT = "https://acme-v02.api.letsencrypt.org/directory";
    public static final String LETS_ENCRYPT_STAGING = "https://acme-staging-v02.api.letsencrypt.org/directory";

    public TlsSettings(TlsMode mode, Optional<String> acmeEmail, SecretInput certificate, SecretInput privateKey) {
        this(mode, acmeEmail, certificate, privateKey, LETS_ENCRYPT, Optional.empty());
    }
}
