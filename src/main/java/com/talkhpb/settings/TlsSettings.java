package com.talkhpb.settings;

import java.util.Optional;

/** How the HPB gets its certificate. */
public record TlsSettings(TlsMode mode, Optional<String> acmeEmail, SecretInput certificate, SecretInput privateKey) {
}
