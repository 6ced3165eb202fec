package com.talkhpb.program;

import com.pulumi.core.Alias;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.talkhpb.bindings.random.RandomPassword;
import com.talkhpb.bindings.random.RandomPasswordArgs;
import com.talkhpb.bindings.tls.PrivateKey;
import com.talkhpb.bindings.tls.PrivateKeyArgs;
import com.talkhpb.facts.SecretKind;
import com.talkhpb.model.Deployment;
import com.talkhpb.model.SecretRef;
import com.talkhpb.settings.SecretInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every secret of the HPB as a Pulumi secret: given in stack config (migration), or a RandomPassword of
 * the model's length, alphanumeric so it is safe in every config syntax, stable until the stack's
 * secretsGeneration changes. The passwords sat at the stack's root before they moved under this
 * component: the alias keeps each one's identity, so existing stacks keep their secrets.
 */
final class HpbSecrets extends ComponentResource {
    static final String TYPE = "talk-hpb:secrets:HpbSecrets";
    /** RSA for the tokens to the media proxies (RS256 JWTs): 2048 bits is RS256's minimum and enough. */
    static final int MEDIA_TOKEN_KEY_BITS = 2048;

    private final Map<String, Output<String>> values = new LinkedHashMap<>();

    HpbSecrets(String name, Deployment deployment, ComponentResourceOptions options) {
        super(TYPE, name, options);
        CustomResourceOptions child = CustomResourceOptions.builder().parent(this).aliases(Alias.noParent()).build();
        PrivateKey tokenKey = null;
        for (SecretRef ref : deployment.allSecrets()) {
            SecretInput given = deployment.explicitSecret(ref);
            if (ref.kind().rsaKeyPair()) {
                if (tokenKey == null) {
                    tokenKey = mediaTokenKey(deployment.secretsGeneration());
                }
                values.put(ref.name(), ref.kind() == SecretKind.MEDIA_TOKEN_KEY ? tokenKey.privateKeyPem().asSecret()
                        : tokenKey.publicKeyPem());
            } else if (given.value().isPresent()) {
                values.put(ref.name(), Output.ofSecret(given.value().get()));
            } else {
                RandomPassword password = new RandomPassword(ref.name(), RandomPasswordArgs.builder()
                        .length(ref.length())
                        .special(false)
                        .upper(true)
                        .lower(true)
                        .numeric(true)
                        .minUpper(1)
                        .minLower(1)
                        .minNumeric(1)
                        .keepers(Map.of("secretsGeneration", Integer.toString(deployment.secretsGeneration())))
                        .build(), child);
                values.put(ref.name(), password.result().asSecret());
            }
        }
        registerOutputs(Map.of());
    }

    /**
     * The RSA key pair the signaling server signs its media proxy tokens with. The provider has no
     * keepers: a new secretsGeneration gives the key a new name, so a rotation replaces it too.
     */
    private PrivateKey mediaTokenKey(int generation) {
        return new PrivateKey("media-token-key-" + generation, PrivateKeyArgs.builder()
                .algorithm("RSA")
                .rsaBits(MEDIA_TOKEN_KEY_BITS)
                .build(), CustomResourceOptions.builder().parent(this).build());
    }

    Output<String> value(SecretRef ref) {
        return values.get(ref.name());
    }

    /** All values together, by name, as one secret output. */
    Output<Map<String, String>> all() {
        List<String> names = new ArrayList<>(values.keySet());
        return Output.all(new ArrayList<>(values.values())).applyValue(list -> {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                map.put(names.get(i), list.get(i));
            }
            return map;
        });
    }
}
