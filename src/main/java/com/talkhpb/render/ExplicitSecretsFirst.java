package com.talkhpb.render;

import com.talkhpb.model.Deployment;
import com.talkhpb.model.SecretRef;
import com.talkhpb.settings.SecretInput;

/** Uses a secret the stack config gives explicitly (migrating an existing HPB), else the fallback's. */
public final class ExplicitSecretsFirst implements SecretValues {
    private final Deployment deployment;
    private final SecretValues fallback;

    public ExplicitSecretsFirst(Deployment deployment, SecretValues fallback) {
        this.deployment = deployment;
        this.fallback = fallback;
    }

    @Override
    public String valueOf(SecretRef secret) {
        SecretInput input = deployment.explicitSecret(secret);
        return input.value().orElseGet(() -> fallback.valueOf(secret));
    }
}
