package com.talkhpb.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.settings.PortRange;
import com.talkhpb.settings.SettingsReader;
import com.talkhpb.testing.MapConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentTest {
    static Deployment deployment(MapConfig config) {
        return Deployment.of(SettingsReader.read(config), Topology.PRODUCTION);
    }

    @Test
    void mediaNodesAreNumberedFromOneEachWithProxySessionKeysOfItsOwnBesideOneTokenKeyPair() {
        Deployment single = Deployment.of(SettingsReader.read(MapConfig.valid()), Topology.PRODUCTION);
        Deployment three = single.withMediaNodes(3);

        assertThat(single.usesMediaNodes()).isFalse();
        assertThat(three.withMediaNodes(0)).isEqualTo(single);
        assertThat(three.mediaNodes()).extracting(MediaNode::name).containsExactly("media-1", "media-2", "media-3");
        assertThat(three.mediaNodes().get(1).proxyUrl("10.0.0.12")).isEqualTo("http://10.0.0.12:9090");
        List<SecretRef> added = three.allSecrets().stream().filter(s -> !single.allSecrets().contains(s)).toList();
        assertThat(added).extracting(SecretRef::name).containsExactly("mediaTokenKey", "mediaTokenPublicKey",
                "media1ProxyHashKey", "media1ProxyBlockKey", "media2ProxyHashKey", "media2ProxyBlockKey",
                "media3ProxyHashKey", "media3ProxyBlockKey");
        assertThat(added).noneMatch(s -> s.kind().givenInStackConfig());
    }

    @Test
    void aMediaNodeAdmitsSshAsTheHpbDoesItsProxyFromTheHpbAloneAndTheRtpRange() {
        Deployment d = Deployment.of(SettingsReader.read(MapConfig.valid().with("rtpPortRange", "30000-30999")), Topology.PRODUCTION);

        assertThat(d.mediaNodePortPlan("10.77.0.2").rules()).extracting(r -> r.protocol() + " " + r.ports() + " " + r.sourceCidrs())
                .containsExactly("TCP 22 " + d.portPlan().rules().get(0).sourceCidrs(), "TCP 9090 [10.77.0.2/32]",
                        "UDP 30000-30999 [0.0.0.0/0, ::/0]");
    }

    @Test
    void talkIsGivenTheSignalingUrlUnderTheDomain() {
        Endpoints endpoints = deployment(MapConfig.valid()).endpoints();

        assertThat(endpoints.signalingUrl()).isEqualTo("https://hpb.example.com/standalone-signaling/");
        assertThat(endpoints.websocketUrl()).isEqualTo("wss://hpb.example.com/standalone-signaling/spreed");
        assertThat(endpoints.turnServers()).containsExactly("turn:hpb.example.com:3478?transport=udp",
                "turn:hpb.example.com:3478?transport=tcp", "turns:turn.hpb.example.com:443?transport=tcp");
        assertThat(endpoints.stunServer()).isEqualTo("hpb.example.com:3478");
    }

    @Test
    void internalServicesListenOnLoopbackOnly() {
        Deployment d = deployment(MapConfig.valid());

        assertThat(List.of(d.signalingListener(), d.janusWebsocket(), d.nats())).extracting(HostPort::host)
                .containsOnly("127.0.0.1");
    }

    @Test
    void portPlanOpensExactlyWhatTheHpbNeedsAndSshOnlyFromTheConfiguredSources() {
        Deployment d = deployment(MapConfig.valid()
                .with("sshSourceCidrs", "[\"198.51.100.7/32\",\"2001:db8::/64\"]")
                .with("rtpPortRange", "30000-31999"));

        assertThat(d.portPlan().rules()).extracting(r -> r.protocol() + " " + r.ports())
                .containsExactly("TCP 22", "TCP 80", "TCP 443", "UDP 3478", "TCP 3478", "UDP 30000-31999");
        assertThat(d.portPlan().rules().get(0).sourceCidrs()).containsExactly("198.51.100.7/32", "2001:db8::/64");
        assertThat(d.portPlan().rules().subList(1, 6)).allSatisfy(r -> assertThat(r.sourceCidrs()).isEqualTo(PortRule.ANYWHERE));
        assertThat(d.portPlan().rules()).allSatisfy(r -> assertThat(r.reason()).isNotBlank());
    }

    @Test
    void theRtpRangeOfThePortPlanIsTheOneJanusUses() {
        Deployment d = deployment(MapConfig.valid().with("rtpPortRange", "21000-23000"));

        assertThat(d.rtpPorts()).isEqualTo(new PortRange(21000, 23000));
        assertThat(d.portPlan().rules()).anySatisfy(r -> {
            assertThat(r.protocol()).isEqualTo(Protocol.UDP);
            assertThat(r.ports()).isEqualTo(d.rtpPorts());
        });
    }

    @Test
    void coturnsRelayRangeIsNeverPublic() {
        Deployment d = deployment(MapConfig.valid());

        assertThat(d.portPlan().rules()).noneSatisfy(r -> assertThat(r.ports().overlaps(d.turnRelayPorts())).isTrue());
    }

    @Test
    void everySecretHasItsLengthAndOneBackendSecretPerNextcloud() {
        Deployment d = deployment(MapConfig.valid().with("nextcloud",
                "[{\"url\":\"https://a.example.com\"},{\"url\":\"https://b.example.com/nc\"}]"));

        assertThat(d.allSecrets()).extracting(s -> s.name() + "=" + s.length()).containsExactly(
                "hashKey=64", "blockKey=32", "internalSecret=48", "turnApiKey=48", "turnSecret=64",
                "backend-a-example-com=64", "backend-b-example-com-nc=64");
    }

    @Test
    void backendIdsFollowTheUrlNotThePositionSoReorderingRotatesNothing() {
        Deployment ab = deployment(MapConfig.valid().with("nextcloud",
                "[{\"url\":\"https://a.example.com\"},{\"url\":\"https://b.example.com\"}]"));
        Deployment ba = deployment(MapConfig.valid().with("nextcloud",
                "[{\"url\":\"https://b.example.com\"},{\"url\":\"https://a.example.com\"}]"));

        assertThat(ab.backends()).extracting(Backend::id).containsExactlyInAnyOrderElementsOf(
                ba.backends().stream().map(Backend::id).toList());
        assertThat(ab.backends().get(0).secret()).isEqualTo(ba.backends().get(1).secret());
    }

    @Test
    void onlyTheSignalingPackagesComeFromSidAndAPinnedVersionIsHeldByProvisioningNotUserData() {
        PackageSet packages = deployment(MapConfig.valid().with("signalingVersion", "2.0.2-2+b2")).packages();

        assertThat(packages.installList()).contains("janus", "nats-server", "coturn", "nginx", "chrony",
                "nextcloud-spreed-signaling").noneMatch(p -> p.contains("="));
        assertThat(packages.signalingVersion()).contains("2.0.2-2+b2");
        assertThat(packages.heldPackages()).containsExactly("nextcloud-spreed-signaling", "nextcloud-spreed-signaling-common");
        assertThat(packages.signalingPackages()).allSatisfy(p -> assertThat(p).startsWith("nextcloud-spreed-signaling"));
    }

    @Test
    void theTestTopologyMovesEveryPathUnderItsRoot() {
        Deployment d = Deployment.of(SettingsReader.read(MapConfig.valid()),
                Topology.loopbackTest(java.nio.file.Path.of("/tmp/it-root"), "127.0.0.5"));

        assertThat(List.of(d.paths().signalingConf(), d.paths().nginxConf(), d.paths().tlsCertificate(),
                d.paths().janusConfigDir(), d.paths().acmeWebroot())).allSatisfy(p -> assertThat(p).startsWith("/tmp/it-root/"));
    }
}
