package com.talkhpb.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SystemdCommandLineTest {
    @Test
    void plainWordsStayAsTheyAre() {
        assertThat(SystemdCommandLine.of(List.of("/usr/sbin/nft", "-f", "/etc/talk-hpb/firewall.nft")))
                .isEqualTo("/usr/sbin/nft -f /etc/talk-hpb/firewall.nft");
    }

    @Test
    void aWordWithASpaceIsOneArgument() {
        assertThat(SystemdCommandLine.of(List.of("/usr/bin/python3", "helper.py", "inet talk_hpb", "cloud.example.com:443")))
                .isEqualTo("/usr/bin/python3 helper.py \"inet talk_hpb\" cloud.example.com:443");
    }

    @Test
    void specifiersVariablesQuotesAndBackslashesAreTakenLiterally() {
        assertThat(SystemdCommandLine.word("50%")).isEqualTo("50%%");
        assertThat(SystemdCommandLine.word("$HOME")).isEqualTo("$$HOME");
        assertThat(SystemdCommandLine.word("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(SystemdCommandLine.word("it's")).isEqualTo("\"it's\"");
        assertThat(SystemdCommandLine.word(";")).as("not a command separator").isEqualTo("\";\"");
        assertThat(SystemdCommandLine.word("")).isEqualTo("\"\"");
    }

    @Test
    void controlCharactersAreRefused() {
        assertThatThrownBy(() -> SystemdCommandLine.word("a\nExecStartPre=/bin/sh")).isInstanceOf(IllegalArgumentException.class);
    }
}
