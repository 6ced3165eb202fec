package com.talkhpb.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.model.Deployment;
import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.Rendered;
import org.junit.jupiter.api.Test;

class JanusConfTest {
    static final String JANUS = "etc/janus/janus.jcfg";
    static final String WEBSOCKETS = "etc/janus/janus.transport.websockets.jcfg";

    @Test
    void usesFullTrickleAndTheRtpRangeOfThePortPlanAndNeedsNoMappingWhenThePublicAddressIsOnTheInterface() {
        String conf = Rendered.file(MapConfig.valid().with("rtpPortRange", "21000-23999"), JANUS);

        assertThat(conf).contains("full_trickle = true")
                .doesNotContain("nat_1_1_mapping")
                .contains("rtp_port_range = \"21000-23999\"")
                .as("no STUN at start: Janus would exit when coturn does not answer").doesNotContain("stun_server", "stun_port");
    }

    @Test
    void gathersIpv6CandidatesExactlyWhenTheMachineHasIpv6() {
        assertThat(Rendered.file(MapConfig.valid().with("ipv6", "true"), JANUS)).contains("ipv6 = true");
        assertThat(Rendered.file(MapConfig.valid().with("ipv6", "false"), JANUS)).contains("ipv6 = false");
    }

    @Test
    void asksNoTurnServerForItselfSoHoldsNoSecretAndNeedsNoNameResolved() {
        String conf = Rendered.file(MapConfig.valid(), JANUS);

        assertThat(conf).doesNotContain("turn_rest_api", "turn_server", Rendered.secrets().valueOf(Deployment.TURN_API_KEY));
        BundleFile file = Rendered.bundle(MapConfig.valid()).file(JANUS);
        assertThat(file.secret()).isFalse();
        assertThat(file.mode()).isEqualTo("0644");
    }

    @Test
    void loadsNoTransportButWebsocketsNoPluginButVideoroomAndHasNoAdminSecret() {
        String conf = Rendered.file(MapConfig.valid(), JANUS);

        assertThat(conf).contains("libjanus_http.so", "libjanus_pfunix.so", "libjanus_mqtt.so", "libjanus_streaming.so")
                .doesNotContain("libjanus_websockets.so").doesNotContain("libjanus_videoroom.so")
                .doesNotContain("admin_secret").doesNotContain("janusoverlord");
    }

    @Test
    void websocketTransportListensOnLoopbackWithoutAdminApi() {
        String conf = Rendered.file(MapConfig.valid(), WEBSOCKETS);

        assertThat(conf).contains("ws = true", "ws_port = 8188", "ws_ip = \"127.0.0.1\"", "wss = false",
                "admin_ws = false", "admin_wss = false");
    }

    @Test
    void videoroomHasNoDemoRooms() {
        String conf = Rendered.file(MapConfig.valid(), "etc/janus/janus.plugin.videoroom.jcfg");

        assertThat(conf).doesNotContain("room-1234").doesNotContain("description");
    }
}
