package com.talkhpb.program;

import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.talkhpb.bindings.random.RandomPassword;
import com.talkhpb.bindings.random.RandomPasswordArgs;
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
 * secretsGeneration changes.
 */
final class HpbSecrets {
    private final Map<String, Output<String>> values;

    private HpbSecrets(Map<String, Output<String>> values) {
        this.values = values;
    }

    static HpbSecrets create(Deployment deployment, CustomResourceOptions options) {
        Map<String, Output<String>> values = new LinkedHashMap<>();
        for (SecretRef ref : deployment.allSecrets()) {
            SecretInput given = deployment.explicitSecret(ref);
            if (given.value().isPresent()) {
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
                        .keepers(Map.of("secretsGeneration", Integer.toString(deployment.settings().secretsGeneration())))
                        .build(), options);
                values.put(ref.name(), password.result().asSecret());
            }
        }
        return new HpbSecrets(values);
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
