package com.talkhpb.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.Rendered;
import org.junit.jupiter.api.Test;

class SshAccessTest {
    static final String DROP_IN = "etc/ssh/sshd_config.d/00-talk-hpb.conf";

    @Test
    void theDropInIsReadBeforeCloudInitsSoItsKeyOnlyLoginsWin() {
        // sshd reads sshd_config.d/*.conf in lexical order and keeps the first value of each keyword.
        assertThat("00-talk-hpb.conf").isLessThan("50-cloud-init.conf");
        assertThat(Rendered.file(MapConfig.valid(), DROP_IN))
                .contains("PasswordAuthentication no\n", "KbdInteractiveAuthentication no\n", "PermitRootLogin prohibit-password\n");
    }

    @Test
    void theAdminsKeysLogInAsTheImagesLoginUserOnly() {
        assertThat(Rendered.file(MapConfig.valid(), DROP_IN))
                .contains("Match User root\n    AuthorizedKeysFile .ssh/authorized_keys /etc/ssh/talk-hpb/authorized_keys\n");
        assertThat(Rendered.file(MapConfig.valid().with("cloud", "aws"), DROP_IN)).contains("Match User admin\n");
    }
}
