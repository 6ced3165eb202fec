package com.talkhpb.program;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.resources.Resource;
import com.pulumi.test.PulumiTest;
import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.ProgramRun;
import com.talkhpb.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The URN of every resource of representative stacks, pinned. A URN is a resource's identity in the
 * state: a refactor that changes one (a new parent, another name) makes `pulumi up` create a new
 * resource and delete the old one, which regenerates a secret or tries to replace a protected server.
 * Such a change needs an alias (as the secrets' move under their component has), then a new snapshot.
 */
class UrnSnapshotTest {
    static final Path SNAPSHOT = Path.of("src/test/resources/com/talkhpb/program/urns.txt");

    static Map<String, MapConfig> stacks() {
        Map<String, MapConfig> stacks = new LinkedHashMap<>();
        stacks.put("hcloud", MapConfig.valid().with("dnsZone", "example.com").with("nextcloud",
                "[{\"url\":\"https://cloud.example.com\",\"ssh\":\"deploy@cloud.example.com\",\"sshHostKey\":\"" + TestKeys.HOST_KEY + "\"}]").with("nextcloudSshKey", TestKeys.privateKeyPem()));
        stacks.put("aws", MapConfig.valid().with("cloud", "aws").with("dnsZone", "example.com"));
        return stacks;
    }

    static String urns() {
        StringBuilder out = new StringBuilder();
        stacks().forEach((name, config) -> {
            ProgramRun run = ProgramRun.of("prod", config);
            assertThat(run.result().exceptions()).as(run.errors()).isEmpty();
            TreeSet<String> urns = new TreeSet<>();
            for (Resource resource : run.result().resources()) {
                urns.add(PulumiTest.extractValue(resource.urn()));
            }
            out.append("# ").append(name).append('\n');
            urns.forEach(urn -> out.append(urn).append('\n'));
        });
        return out.toString();
    }

    @Test
    void everyResourceKeepsItsUrn() throws Exception {
        String current = urns();
        assertThat(Files.readString(SNAPSHOT)).as("URNs changed; current list:%n%s", current).isEqualTo(current);
    }
}
