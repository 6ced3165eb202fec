package com.talkhpb.program;

import com.pulumi.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.talkhpb.settings.ConfigKey;
import com.talkhpb.settings.ConfigSource;
import com.talkhpb.settings.Settings;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The stack config as the Pulumi engine hands it to the program (secrets already decrypted). */
final class PulumiConfigSource implements ConfigSource {
    /** Where the language host passes the whole config, which is how unknown keys can be listed. */
    private static final String CONFIG_ENV = "PULUMI_CONFIG";
    /** The keys the stack stores encrypted, as a JSON list of namespaced keys (set by the language host). */
    private static final String SECRET_KEYS_ENV = "PULUMI_CONFIG_SECRET_KEYS";

    private final Context ctx;

    PulumiConfigSource(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public String stackName() {
        return ctx.stackName();
    }

    @Override
    public Optional<String> get(String key) {
        return ctx.config().get(key);
    }

    @Override
    public boolean storedAsSecret(String key) {
        String secretKeys = System.getenv(SECRET_KEYS_ENV);
        if (secretKeys == null || secretKeys.isBlank()) {
            return true; // not under the engine: nothing says otherwise
        }
        try {
            for (JsonNode secret : new ObjectMapper().readTree(secretKeys)) {
                if (secret.asText().equals(Settings.NAMESPACE + ":" + key)) {
                    return true;
                }
            }
            return false;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(SECRET_KEYS_ENV + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        String all = System.getenv(CONFIG_ENV);
        if (all != null && !all.isBlank()) {
            String prefix = Settings.NAMESPACE + ":";
            try {
                new ObjectMapper().readTree(all).fieldNames().forEachRemaining(k -> {
                    if (k.startsWith(prefix)) {
                        keys.add(k.substring(prefix.length()));
                    }
                });
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(CONFIG_ENV + " is not JSON: " + e.getOriginalMessage(), e);
            }
        } else {
            // Without the language host's environment (under a test harness) only known keys can be found.
            Arrays.stream(ConfigKey.values()).map(ConfigKey::key).filter(k -> get(k).isPresent()).forEach(keys::add);
        }
        return keys;
    }
}
