package com.talkhpb.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.facts.DeniedPeerRanges;
import com.talkhpb.model.Deployment;
import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.Rendered;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnserverConfTest {
    static final String PATH = "etc/turnserver.conf";

    List<String> lines(MapConfig config) {
        return Rendered.file(config, PATH).lines().toList();
    }

    @Test
    void usesTalksRecommendedSettingsWithTheTurnSecret() {
        List<String> lines = lines(MapConfig.valid().with("turnPort", "3479"));

        assertThat(lines).contains("listening-port=3479", "fingerprint", "use-auth-secret",
                "static-auth-secret=" + Rendered.secrets().valueOf(Deployment.TURN_SECRET), "realm=hpb.example.com",
                "bps-capacity=0", "stale-nonce", "no-multicast-peers", "no-tcp-relay", "no-cli");
    }

    @Test
    void limitsWhatOneClientCanTakeAndAnswersNoNatDiscovery() {
        List<String> lines = lines(MapConfig.valid());

        assertThat(lines).contains("user-quota=12", "total-quota=1200", "max-bps=1000000", "no-rfc5780",
                "no-stun-backward-compatibility", "response-origin-only-with-rfc5780");
    }

    @Test
    void deniesEveryPrivateSpecialAndMetadataRangeButAllowsTheHpbItself() {
        List<String> lines = lines(MapConfig.valid());

        assertThat(lines).contains("denied-peer-ip=169.254.0.0-169.254.255.255", "denied-peer-ip=10.0.0.0-10.255.255.255",
                "denied-peer-ip=127.0.0.0-127.255.255.255", "denied-peer-ip=fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "denied-peer-ip=100::-100::ffff:ffff:ffff:ffff", "denied-peer-ip=2001::-2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff",
                "denied-peer-ip=2002::-2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
        assertThat(lines.stream().filter(l -> l.startsWith("denied-peer-ip="))).hasSize(
                DeniedPeerRanges.IPV4.size() + DeniedPeerRanges.IPV6.size());
        assertThat(lines).contains("allowed-peer-ip=" + Rendered.PUBLIC_IPV4);
    }

    @Test
    void productionNeverAllowsLoopbackPeersNorListensForTls() {
        List<String> lines = lines(MapConfig.valid());

        assertThat(lines).doesNotContain("allow-loopback-peers").contains("no-tls", "no-dtls");
        assertThat(lines).noneMatch(l -> l.startsWith("listening-ip=") || l.startsWith("relay-ip="));
    }

    @Test
    void relayRangeIsCoturnsOwnAndDisjointFromJanus() {
        Deployment d = Rendered.deployment(MapConfig.valid());
        List<String> lines = lines(MapConfig.valid());

        assertThat(lines).contains("min-port=" + d.turnRelayPorts().min(), "max-port=" + d.turnRelayPorts().max());
        assertThat(d.turnRelayPorts().overlaps(d.rtpPorts())).isFalse();
    }

    @Test
    void isReadableOnlyByRootAndCoturn() {
        BundleFile file = Rendered.bundle(MapConfig.valid()).file(PATH);

        assertThat(file).extracting(BundleFile::mode, BundleFile::owner, BundleFile::group, BundleFile::secret)
                .containsExactly("0640", "root", "turnserver", true);
    }
}
