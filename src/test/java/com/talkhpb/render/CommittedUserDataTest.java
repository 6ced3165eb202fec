package com.talkhpb.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.model.Deployment;
import com.talkhpb.model.Topology;
import com.talkhpb.settings.SettingsReader;
import com.talkhpb.testing.MapConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** cloud-init/user-data.<stack>.yaml is exactly what the program gives each committed stack's server. */
class CommittedUserDataTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"prod", "aws", "test"})
    void theCommittedUserDataIsCurrent(String stack) throws Exception {
        Deployment deployment = Deployment.of(SettingsReader.read(MapConfig.ofFixtureStack(stack)), Topology.PRODUCTION);

        assertThat(Files.readString(Path.of("cloud-init", "user-data." + stack + ".yaml")))
                .as("regenerate as cloud-init/README.md says").isEqualTo(CloudConfig.render(deployment));
    }
}
