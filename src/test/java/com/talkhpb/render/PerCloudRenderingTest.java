package com.talkhpb.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.Rendered;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same settings on Hetzner and on AWS render the same HPB, except where AWS's 1:1 NAT hides the
 * public address from the host: Janus announces it with nat_1_1_mapping (and needs no STUN to learn
 * it), coturn maps relayed addresses to it with external-ip.
 */
class PerCloudRenderingTest {
    @Test
    void behindAwsOneToOneNatOnlyJanusAndCoturnAnnounceThePublicAddress() {
        // The same settings: IPv6 off on both (its default on AWS, where it needs a subnet with an IPv6 range).
        Bundle hetzner = Rendered.bundle(MapConfig.valid().with("ipv6", "false"));
        Bundle aws = Rendered.bundle(MapConfig.valid().with("cloud", "aws").with("ipv6", "false"));

        Map<String, List<String>> added = new LinkedHashMap<>();
        Map<String, List<String>> removed = new LinkedHashMap<>();
        for (BundleFile file : hetzner.files()) {
            List<String> onAws = aws.file(file.bundlePath()).content().lines().toList();
            List<String> onHetzner = file.content().lines().toList();
            List<String> onlyAws = significant(onAws, onHetzner);
            List<String> onlyHetzner = significant(onHetzner, onAws);
            if (!onlyAws.isEmpty()) {
                added.put(file.bundlePath(), onlyAws);
            }
            if (!onlyHetzner.isEmpty()) {
                removed.put(file.bundlePath(), onlyHetzner);
            }
        }

        assertThat(aws.files()).hasSameSizeAs(hetzner.files());
        assertThat(aws.userData()).isEqualTo(hetzner.userData());
        assertThat(added).containsOnlyKeys("etc/janus/janus.jcfg", "etc/turnserver.conf", STREAM, SSHD);
        assertThat(added.get(STREAM)).as("TURN over TLS reaches coturn where it listens, on the interface")
                .containsExactly("server " + Rendered.AWS_INTERFACE_IPV4 + ":3478;");
        assertThat(added.get(SSHD)).as("admin keys log in as the image's login user").containsExactly("Match User admin");
        assertThat(added.get("etc/janus/janus.jcfg"))
                .containsExactly("nat_1_1_mapping = \"" + Rendered.PUBLIC_IPV4 + "\"", "keep_private_host = false");
        assertThat(added.get("etc/turnserver.conf"))
                .containsExactly("external-ip=" + Rendered.PUBLIC_IPV4 + "/" + Rendered.AWS_INTERFACE_IPV4);
        assertThat(removed).containsOnlyKeys(STREAM, SSHD);
        assertThat(removed.get(STREAM)).containsExactly("server " + Rendered.PUBLIC_IPV4 + ":3478;");
        assertThat(removed.get(SSHD)).containsExactly("Match User root");
    }

    static final String SSHD = "etc/ssh/sshd_config.d/00-talk-hpb.conf";

    static final String STREAM = "etc/nginx/talk-hpb-stream.conf";

    /** Lines of {@code lines} not in {@code other}, without comments, stripped. */
    private static List<String> significant(List<String> lines, List<String> other) {
        List<String> only = new ArrayList<>(lines);
        only.removeAll(other);
        return only.stream().map(String::strip).filter(l -> !l.startsWith("#") && !l.startsWith("//")).toList();
    }
}
