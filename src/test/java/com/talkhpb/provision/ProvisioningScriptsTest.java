package com.talkhpb.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.Rendered;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProvisioningScriptsTest {
    /** Linux's limit on one argument (MAX_ARG_STRLEN): the sudo form passes the script as one. */
    static final int MAX_ARGUMENT_BYTES = 131072;

    @Test
    void rootRunsTheScriptAsItIs() {
        String script = new ProvisioningScripts(Rendered.deployment(MapConfig.valid())).configure();

        assertThat(ProvisioningScripts.asRoot("root", script)).isEqualTo(script);
    }

    @Test
    void anotherUserRunsExactlyTheSameScriptThroughSudoWithinTheArgumentLimit() {
        String script = new ProvisioningScripts(Rendered.deployment(MapConfig.valid().with("cloud", "aws"))).configure();

        String wrapped = ProvisioningScripts.asRoot("admin", script);

        Matcher encoded = Pattern.compile("exec sudo -n bash -c \"\\$\\(printf '%s' '([A-Za-z0-9+/=]+)' \\| base64 -d\\)\"\n")
                .matcher(wrapped);
        assertThat(encoded.matches()).as(wrapped).isTrue();
        assertThat(new String(Base64.getDecoder().decode(encoded.group(1)), StandardCharsets.UTF_8)).isEqualTo(script);
        assertThat(encoded.group(1).length()).isLessThan(MAX_ARGUMENT_BYTES);
    }
}
