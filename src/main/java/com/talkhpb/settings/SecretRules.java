package com.talkhpb.settings;

import com.talkhpb.facts.SecretKind;
import java.util.Optional;
import java.util.regex.Pattern;

/** Secrets given in the stack (for migration): length and characters each daemon's syntax can carry. */
final class SecretRules {
    /** Characters safe unquoted in INI, coturn and nginx syntax and quoted in libconfig. */
    private static final Pattern SECRET_CHARACTERS = Pattern.compile("[A-Za-z0-9._~+/=:@%,^*!?-]+");
    /** URL-unreserved characters: what a value in a query string may hold unencoded. */
    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9._~-]+");
    static final String SECRET_CHARACTERS_TEXT = "letters, digits and . _ ~ + / = : @ % , ^ * ! ? -";

    private final RawValues values;
    private final Problems problems;

    SecretRules(RawValues values, Problems problems) {
        this.values = values;
        this.problems = problems;
    }

    SecretInput secret(String key, SecretKind kind) {
        Optional<String> value = values.get(key);
        if (value.isEmpty() || value.get().isEmpty()) {
            return SecretInput.GENERATE;
        }
        requireEncrypted(key, key, value.get());
        return secretValue(key, value.get(), kind);
    }

    /** A secret written in plain text sits unencrypted in the stack file (and in git): refuse it. */
    void requireEncrypted(String reported, String storedUnder, String value) {
        if (!value.equals(ConfigSource.ENCRYPTED) && !values.storedAsSecret(storedUnder)) {
            problems.add(reported, "is stored in plain text in the stack file.", "Store it encrypted: pulumi config set --secret "
                    + Settings.NAMESPACE + ":" + (reported.equals(storedUnder) ? reported : storedUnder + " … (with --path '"
                    + reported + "')") + ", and delete the plain line.");
        }
    }

    SecretInput secretValue(String key, String value, SecretKind kind) {
        if (value.equals(ConfigSource.ENCRYPTED)) {
            return SecretInput.ENCRYPTED;
        }
        String fix = "Use " + kind.lengthRule() + " of " + SECRET_CHARACTERS_TEXT
                + ", or remove the key to have one generated.";
        if (!kind.acceptsLength(value.length())) {
            problems.add(key, "has " + value.length() + " characters; it needs " + kind.lengthRule() + ".", fix);
        } else if (!SECRET_CHARACTERS.matcher(value).matches()) {
            problems.add(key, "contains characters that break the daemons' config syntax.", fix);
        } else if (value.startsWith("-")) {
            problems.add(key, "starts with '-', which occ and other commands read as an option.", fix);
        } else if (kind == SecretKind.TURN_API_KEY && !URL_SAFE.matcher(value).matches()) {
            problems.add(key, "contains characters that change meaning in a URL query (Janus sends it unencoded).",
                    "Use " + kind.lengthRule() + " of letters, digits and . _ ~ -, or remove the key to have one generated.");
        }
        return SecretInput.given(value);
    }

    /** A private SSH key given as a secret: stored encrypted, and a private key block. */
    SecretInput privateKey(ConfigKey key, String value, String fix) {
        if (value.equals(ConfigSource.ENCRYPTED)) {
            return SecretInput.ENCRYPTED;
        }
        requireEncrypted(key.key(), key.key(), value);
        if (!value.contains("PRIVATE KEY-----")) {
            problems.add(key, "does not look like a private key (no PRIVATE KEY block).", fix);
        }
        return SecretInput.given(value);
    }

    SecretInput pem(ConfigKey key, TlsMode mode, String marker) {
        Optional<String> value = values.get(key.key()).filter(v -> !v.isBlank());
        String fix = "cat file.pem | pulumi config set --secret " + key.qualified();
        if (value.isEmpty()) {
            if (mode == TlsMode.PROVIDED) {
                problems.add(key, "is required with tlsMode provided.", fix);
            }
            return SecretInput.GENERATE;
        }
        if (mode != TlsMode.PROVIDED) {
            problems.add(key, "is set but tlsMode is not provided.", "Remove it, or set " + ConfigKey.TLS_MODE.qualified() + " provided.");
        }
        if (value.get().equals(ConfigSource.ENCRYPTED)) {
            return SecretInput.ENCRYPTED;
        }
        requireEncrypted(key.key(), key.key(), value.get());
        if (!value.get().contains(marker)) {
            problems.add(key, "does not look like PEM (no '" + marker + "').", fix);
        }
        return SecretInput.given(value.get());
    }
}
