package com.talkhpb.program;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.talkhpb.bindings.Plugins;
import com.talkhpb.bindings.command.remote.Command;
import com.talkhpb.bindings.hcloud.Firewall;
import com.talkhpb.bindings.hcloud.PrimaryIp;
import com.talkhpb.bindings.hcloud.Rdns;
import com.talkhpb.bindings.hcloud.Server;
import com.talkhpb.bindings.hcloud.SshKey;
import com.talkhpb.bindings.hcloud.ZoneRrset;
import com.talkhpb.bindings.random.RandomPassword;
import com.talkhpb.bindings.tls.PrivateKey;
import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.ProgramRun;
import com.talkhpb.testing.ProgramRun.Registration;
import com.talkhpb.testing.ProviderSchemas;
import com.talkhpb.testing.TestKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every resource the program registers, checked against the providers' published schemas. */
class SchemaConformanceTest {

    /** The Hetzner prod stack with DNS, a media node and a Nextcloud configured over SSH: every kind of binding in use. */
    static ProgramRun everyResourceKind() {
        return ProgramRun.of("prod", MapConfig.ofFixtureStack("prod").with("dnsZone", "example.com").with("mediaNodes", "1")
                .with("nextcloud", "[{\"url\":\"https://cloud.example.com\",\"ssh\":\"root@cloud.example.com:2222\",\"sshHostKey\":\"" + TestKeys.HOST_KEY + "\"}]")
                .with("nextcloudSshKey", TestKeys.privateKeyPem()));
    }

    @Test
    void everyRegisteredResourceUsesOnlySchemaInputsAndGivesEveryRequiredOne() {
        ProviderSchemas schemas = ProviderSchemas.loadOrSkip();
        ProgramRun run = everyResourceKind();

        assertThat(run.registrations()).isNotEmpty();
        for (Registration r : run.registrations()) {
            if (r.type().startsWith("talk-hpb:")) {
                continue; // our own component resources
            }
            JsonNode schema = schemas.resource(r.type()).orElseThrow(() -> new AssertionError(r + ": type token not in any schema"));
            checkObject(schemas, r.toString(), schema.path("inputs"), r.inputs());
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkObject(ProviderSchemas schemas, String where, JsonNode properties, Map<String, Object> values) {
        for (String name : values.keySet()) {
            assertThat(properties.has(name)).as("%s: input '%s' is not in the schema", where, name).isTrue();
        }
        properties.fields().forEachRemaining(p -> {
            if (p.getValue().path("required").asBoolean()) {
                assertThat(values).as("%s: required input '%s' missing", where, p.getKey()).containsKey(p.getKey());
            }
        });
        for (Map.Entry<String, Object> value : values.entrySet()) {
            String type = properties.path(value.getKey()).path("type").asText();
            String ref = type.startsWith("array<") ? type.substring(6, type.length() - 1) : type;
            if (ref.contains(":") && !ref.startsWith("pulumi.json")) {
                JsonNode nested = schemas.type(ref).orElseThrow(() -> new AssertionError(where + ": unknown type " + ref));
                List<Object> items = value.getValue() instanceof List<?> list ? new ArrayList<>(list) : List.of(value.getValue());
                for (Object item : items) {
                    checkObject(schemas, where + "." + value.getKey(), nested.path("properties"), (Map<String, Object>) item);
                }
            }
        }
    }

    @Test
    void bindingsMarkSecretTheOutputsTheOfficialSdksMarkSecret() {
        ProviderSchemas schemas = ProviderSchemas.loadOrSkip();
        Map<String, List<String>> bindings = Map.of(
                Server.TYPE, Server.SECRET_OUTPUTS, Firewall.TYPE, Firewall.SECRET_OUTPUTS, SshKey.TYPE, SshKey.SECRET_OUTPUTS,
                PrimaryIp.TYPE, PrimaryIp.SECRET_OUTPUTS, Rdns.TYPE, Rdns.SECRET_OUTPUTS, ZoneRrset.TYPE, ZoneRrset.SECRET_OUTPUTS,
                RandomPassword.TYPE, RandomPassword.SECRET_OUTPUTS, PrivateKey.TYPE, PrivateKey.SECRET_OUTPUTS,
                Command.TYPE, Command.SECRET_OUTPUTS);

        bindings.forEach((type, secretOutputs) -> {
            List<String> expected = new ArrayList<>();
            schemas.javaSecretOutputs(type).forEach(n -> expected.add(n.asText()));
            assertThat(secretOutputs).as(type).containsExactlyInAnyOrderElementsOf(expected);
            JsonNode outputs = schemas.resource(type).orElseThrow().path("outputs");
            secretOutputs.forEach(name -> assertThat(outputs.has(name) || outputs.isMissingNode()).as(type + " " + name).isTrue());
        });
        assertThat(RandomPassword.SECRET_OUTPUTS).contains("result");
        assertThat(PrivateKey.SECRET_OUTPUTS).contains("privateKeyOpenssh");
    }

    @Test
    void bindingsArePinnedToTheSchemasProviderVersions() {
        ProviderSchemas.loadOrSkip();
        for (Plugins plugin : Plugins.values()) {
            assertThat(ProviderSchemas.DIRECTORY.resolve(plugin.pluginName() + "-" + plugin.version() + ".json"))
                    .as("schema file for %s %s", plugin.pluginName(), plugin.version()).exists();
        }
    }
}
