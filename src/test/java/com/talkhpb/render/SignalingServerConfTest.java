package com.talkhpb.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.model.Deployment;
import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.Rendered;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalingServerConfTest {
    static final String PATH = "etc/nextcloud-spreed-signaling/server.conf";

    @Test
    void sessionKeysHaveTheLengthsTheServerDemands() {
        Map<String, Map<String, String>> conf = Rendered.ini(Rendered.file(MapConfig.valid(), PATH));

        assertThat(conf.get("sessions").get("hashkey")).hasSize(64);
        assertThat(conf.get("sessions").get("blockkey")).hasSize(32);
        assertThat(conf.get("clients").get("internalsecret")).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void oneBackendSectionPerNextcloudWithUrlAndItsOwnSecret() {
        Map<String, Map<String, String>> conf = Rendered.ini(Rendered.file(MapConfig.valid().with("nextcloud",
                "[{\"url\":\"https://a.example.com\"},{\"url\":\"https://b.example.com/nc\"}]"), PATH));

        assertThat(conf.get("backend").get("backends")).isEqualTo("backend-a-example-com, backend-b-example-com-nc");
        assertThat(conf.get("backend").get("allowall")).isEqualTo("false");
        assertThat(conf.get("backend-a-example-com")).containsEntry("url", "https://a.example.com").containsKey("secret");
        assertThat(conf.get("backend-b-example-com-nc")).containsEntry("url", "https://b.example.com/nc");
        assertThat(conf.get("backend-a-example-com").get("secret"))
                .isNotEqualTo(conf.get("backend-b-example-com-nc").get("secret")).hasSize(64);
    }

    @Test
    void listensOnLoopbackAndUsesNatsJanusAndTurnFromTheModel() {
        Deployment d = Rendered.deployment(MapConfig.valid());
        Map<String, Map<String, String>> conf = Rendered.ini(Rendered.file(MapConfig.valid(), PATH));

        assertThat(conf.get("http").get("listen")).isEqualTo(d.signalingListener().hostPort()).startsWith("127.0.0.1:");
        assertThat(conf.get("nats").get("url")).as("no credentials: signaling 2.0.2 would log them with the URL")
                .isEqualTo("nats://127.0.0.1:4222");
        assertThat(conf.get("mcu")).containsEntry("type", "janus").containsEntry("url", "ws://127.0.0.1:8188");
        assertThat(conf.get("turn").get("servers")).isEqualTo(String.join(",", d.endpoints().turnServers()));
        assertThat(conf.get("turn").get("secret")).isEqualTo(Rendered.secrets().valueOf(Deployment.TURN_SECRET));
        assertThat(conf.get("turn").get("apikey")).isEqualTo(Rendered.secrets().valueOf(Deployment.TURN_API_KEY));
        assertThat(conf.get("stats").get("allowed_ips")).isEqualTo("127.0.0.1");
    }

    @Test
    void isSecretAndReadableOnlyByRootAndTheSignalingUser() {
        BundleFile file = Rendered.bundle(MapConfig.valid()).file(PATH);

        assertThat(file.secret()).isTrue();
        assertThat(file).extracting(BundleFile::mode, BundleFile::owner, BundleFile::group)
                .containsExactly("0640", "root", "_signaling");
    }
}
