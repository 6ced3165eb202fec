package com.talkhpb.program;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.ProgramRun;
import com.talkhpb.testing.ProviderSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A daemon-configuration change must update the provisioning commands and leave every input of the
 * server that forces a replacement (the schema's willReplaceOnChanges) exactly as it was.
 */
class InPlaceChangeTest {
    static final String SERVER = "hcloud:index/server:Server";

    static MapConfig base() {
        return MapConfig.valid();
    }

    static List<Arguments> daemonOnlyChanges() {
        return List.of(
                Arguments.of("another Nextcloud backend", base().with("nextcloud",
                        "[{\"url\":\"https://cloud.example.com\"},{\"url\":\"https://second.example.com\"}]")),
                Arguments.of("another TURN port", base().with("turnPort", "3479")),
                Arguments.of("a rotated secret", base().with("secretsGeneration", "2")),
                Arguments.of("an explicit TURN secret", base().with("turnSecret", "T".repeat(40))),
                Arguments.of("another RTP range", base().with("rtpPortRange", "30000-39999")),
                Arguments.of("an admin SSH key", base().with("adminSshKeys",
                        "[\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAdminAdminAdminAdminAdminAdminAdminAdminAdm admin@laptop\"]")),
                Arguments.of("self-signed TLS", base().with("tlsMode", "self-signed").without("acmeEmail")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("daemonOnlyChanges")
    void updatesTheProvisioningInPlaceAndNeverReplacesTheServer(String change, MapConfig changed) {
        ProviderSchemas schemas = ProviderSchemas.loadOrSkip();
        List<String> replacing = new ArrayList<>();
        schemas.resource(SERVER).orElseThrow().path("inputs").fields().forEachRemaining(p -> {
            if (p.getValue().path("willReplaceOnChanges").asBoolean()) {
                replacing.add(p.getKey());
            }
        });
        assertThat(replacing).contains("userData", "image", "location", "sshKeys");

        ProgramRun before = ProgramRun.of("prod", base());
        ProgramRun after = ProgramRun.of("prod", changed);
        Map<String, Object> serverBefore = before.one(SERVER, "server").inputs();
        Map<String, Object> serverAfter = after.one(SERVER, "server").inputs();

        for (String input : replacing) {
            assertThat(serverAfter.get(input)).as("%s changes server input %s, which replaces the server", change, input)
                    .isEqualTo(serverBefore.get(input));
        }
        Map<String, Object> configureBefore = before.one("command:remote:Command", "configure").inputs();
        Map<String, Object> configureAfter = after.one("command:remote:Command", "configure").inputs();
        boolean provisioningChanged = !Objects.equals(configureBefore.get("stdin"), configureAfter.get("stdin"))
                || !Objects.equals(configureBefore.get("triggers"), configureAfter.get("triggers"))
                || !Objects.equals(configureBefore.get("create"), configureAfter.get("create"));
        boolean firewallChanged = !Objects.equals(before.one("hcloud:index/firewall:Firewall", "firewall").inputs(),
                after.one("hcloud:index/firewall:Firewall", "firewall").inputs());
        assertThat(provisioningChanged || firewallChanged).as("%s must reach the host through provisioning", change).isTrue();
    }

    /**
     * On AWS, with no schema here to say which inputs replace, hold the stricter line: the instance
     * and its Elastic IP receive exactly the same inputs, and the change still reaches the host.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("daemonOnlyChanges")
    void onAwsLeavesTheInstanceAndItsAddressUntouched(String change, MapConfig changed) {
        ProgramRun before = ProgramRun.of("aws", base().with("cloud", "aws"));
        ProgramRun after = ProgramRun.of("aws", changed.with("cloud", "aws"));

        assertThat(after.one("aws:ec2/instance:Instance", "server").inputs()).as(change)
                .isEqualTo(before.one("aws:ec2/instance:Instance", "server").inputs());
        assertThat(after.one("aws:ec2/eip:Eip", "ipv4").inputs()).as(change)
                .isEqualTo(before.one("aws:ec2/eip:Eip", "ipv4").inputs());
        boolean provisioningChanged = !Objects.equals(before.one("command:remote:Command", "configure").inputs(),
                after.one("command:remote:Command", "configure").inputs());
        boolean firewallChanged = !Objects.equals(before.one("aws:ec2/securityGroup:SecurityGroup", "firewall").inputs(),
                after.one("aws:ec2/securityGroup:SecurityGroup", "firewall").inputs());
        assertThat(provisioningChanged || firewallChanged).as("%s must reach the host through provisioning", change).isTrue();
    }
}
