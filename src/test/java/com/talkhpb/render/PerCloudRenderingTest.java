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
 * public address from the host: Janus's nat_1_1_mapping and coturn's external-ip.
 */
class PerCloudRenderingTest {
    @Test
    void behindAwsOneToOneNatOnlyJanusAndCoturnAnnounceThePublicAddress() {
        Bundle hetzner = Rendered.bundle(MapConfig.valid());
        Bundle aws = Rendered.bundle(MapConfig.valid().with("cloud", "aws"));

        Map<String, List<String>> changed = new LinkedHashMap<>();
        for (BundleFile file : hetzner.files()) {
            List<String> onlyAws = new ArrayList<>(aws.file(file.bundlePath()).content().lines().toList());
            onlyAws.removeAll(file.content().lines().toList());
            List<String> onlyHetzner = new ArrayList<>(file.content().lines().toList());
            onlyHetzner.removeAll(aws.file(file.bundlePath()).content().lines().toList());
            assertThat(onlyHetzner).as("%s on Hetzner has lines AWS lacks", file.bundlePath()).isEmpty();
            if (!onlyAws.isEmpty()) {
                changed.put(file.bundlePath(), onlyAws.stream().filter(l -> !l.strip().startsWith("#")).map(String::strip).toList());
            }
        }

        assertThat(aws.files()).hasSameSizeAs(hetzner.files());
        assertThat(aws.userData()).isEqualTo(hetzner.userData());
        assertThat(changed).containsOnlyKeys("etc/janus/janus.jcfg", "etc/turnserver.conf");
        assertThat(changed.get("etc/janus/janus.jcfg"))
                .containsExactly("nat_1_1_mapping = \"" + Rendered.PUBLIC_IPV4 + "\"", "keep_private_host = false");
        assertThat(changed.get("etc/turnserver.conf"))
                .containsExactly("external-ip=" + Rendered.PUBLIC_IPV4 + "/" + Rendered.AWS_INTERFACE_IPV4);
    }
}
