package com.talkhpb.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.talkhpb.testing.FixtureStacks;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackFilesTest {

    @Test
    void theCommittedProdStackIsValid() {
        Settings settings = SettingsReader.read(FixtureStacks.read("prod"));

        assertThat(settings.stackName()).isEqualTo("prod");
        assertThat(settings.domain()).isEqualTo("hpb.example.com");
        assertThat(settings.tls().mode()).isEqualTo(TlsMode.ACME);
    }

    @Test
    void theCommittedTestStackIsValidAndSelfSigned() {
        Settings settings = SettingsReader.read(FixtureStacks.read("test"));

        assertThat(settings.tls().mode()).isEqualTo(TlsMode.SELF_SIGNED);
    }

    @Test
    void stackValuesOverrideProjectDefaultsAndSecureValuesReadAsEncrypted(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Pulumi.yaml"), """
                name: talk-hpb
                config:
                  turnPort:
                    type: integer
                    default: 3479
                  location: fsn1
                """);
        Files.writeString(dir.resolve("Pulumi.dev.yaml"), """
                config:
                  hcloud:token:
                    secure: v1:abc
                  talk-hpb:location: hel1
                  talk-hpb:turnSecret:
                    secure: v1:def
                  talk-hpb:nextcloud:
                    - url: https://cloud.example.com
                      secret:
                        secure: v1:ghi
                """);

        StackFiles config = StackFiles.read(dir, "dev");

        assertThat(config.keys()).containsExactlyInAnyOrder("turnPort", "location", "turnSecret", "nextcloud");
        assertThat(config.get("turnPort")).hasValue("3479");
        assertThat(config.get("location")).hasValue("hel1");
        assertThat(config.get("turnSecret")).hasValue(ConfigSource.ENCRYPTED);
        assertThat(config.get("nextcloud")).hasValue("[{\"url\":\"https://cloud.example.com\",\"secret\":\"<encrypted>\"}]");
    }

    @Test
    void aMissingStackFileSaysHowToCreateIt(@TempDir Path dir) {
        assertThatThrownBy(() -> StackFiles.read(dir, "staging"))
                .hasMessageContaining("Pulumi.staging.yaml")
                .hasMessageContaining("pulumi stack init staging");
    }
}
