package com.talkhpb.render;

import com.talkhpb.model.SecretRef;
import java.util.Map;

/** Real secret values by name; a missing one is a programming error, never silently a placeholder. */
public final class MapSecrets implements SecretValues {
    private final Map<String, String> values;

    public MapSecrets(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    @Override
    public String valueOf(SecretRef secret) {
        String value = values.get(secret.name());
        if (value == null) {
            throw new IllegalStateException("no value for secret " + secret.name());
        }
        return value;
    }
}
