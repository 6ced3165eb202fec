package com.talkhpb.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.Rendered;
import org.junit.jupiter.api.Test;

class UnattendedUpgradesConfTest {
    static final String PATH = "etc/apt/apt.conf.d/52talk-hpb-unattended-upgrades";

    @Test
    void securityUpdatesLeaveTheHeldSignalingPackagesAloneAndNeverRebootByDefault() {
        String conf = Rendered.file(MapConfig.valid(), PATH);

        assertThat(conf).contains("Unattended-Upgrade::Package-Blacklist {\n    \"nextcloud-spreed-signaling\";\n"
                + "    \"nextcloud-spreed-signaling-common\";\n};")
                .contains("Unattended-Upgrade::Automatic-Reboot \"false\";")
                .doesNotContain("Automatic-Reboot-Time");
    }

    @Test
    void aRebootTimeLetsTheHostRebootItselfThen() {
        String conf = Rendered.file(MapConfig.valid().with("securityReboot", "04:30"), PATH);

        assertThat(conf).contains("Unattended-Upgrade::Automatic-Reboot \"true\";", "Unattended-Upgrade::Automatic-Reboot-Time \"04:30\";");
    }
}
