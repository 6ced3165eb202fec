package com.talkhpb.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.model.Deployment;
import com.talkhpb.render.Bundle;
import com.talkhpb.render.BundleWriter;
import com.talkhpb.render.HostFacts;
import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.Rendered;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A media node's step texts: what they run, in which order, and that none holds a secret. */
class MediaNodeScriptsTest {
    static final Deployment D = Rendered.deployment(MapConfig.valid().with("signalingVersion", "2.0.2-2+b2")).withMediaNodes(2);
    static final MediaNodeScripts NODE_2 = new MediaNodeScripts(D, D.mediaNodes().get(1));

    @Test
    void configureChecksTheSessionPinsTheProxyVersionWaitsForThePrivateAddressThenInstallsTheBundle() {
        List<String> lines = NODE_2.configure().lines().toList();

        assertThat(lines.get(0)).startsWith("# talk-hpb media node media-2 configuration sha256:");
        assertThat(String.join("\n", lines)).containsSubsequence("ssh-session-admitted.py' '--ssh-port' '22' '198.51.100.7/32'",
                "install-signaling.sh' '2.0.2-2+b2' 'nextcloud-spreed-signaling-proxy' 'nextcloud-spreed-signaling-common'",
                "wait-for-address.sh' \"$address\"", "install-bundle.sh' < \"$bundle\"");
        for (String helper : MediaNodeScripts.HELPERS) {
            assertThat(NODE_2.configure()).contains("/usr/local/lib/talk-hpb/" + helper);
        }
    }

    @Test
    void theAddressItWaitsForIsTheOneTheProxyWillListenOn(@TempDir Path work) throws Exception {
        Path bundle = Files.writeString(work.resolve("bundle.json"), BundleWriter.installDocument(Bundle.renderMediaNode(D,
                D.mediaNodes().get(1), new HostFacts("203.0.113.22").withPrivateNetwork("10.77.0.12", List.of()), "10.77.0.2",
                Rendered.secrets())));
        String line = NODE_2.configure().lines().filter(l -> l.startsWith("address=$(")).findFirst().orElseThrow();

        Process bash = new ProcessBuilder("bash", "-c", "bundle=" + bundle + "\n" + line + "\necho \"$address\"").redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(out.strip()).isEqualTo("10.77.0.12");
    }

    @Test
    void theHealthCheckNamesTheConfigureItFollowsAndTheDrainItsNodeAndLimit() {
        assertThat(NODE_2.healthCheck()).contains(ProvisioningScripts.sha256(NODE_2.configure()))
                .contains("media-node-health.sh' '/etc/nextcloud-spreed-signaling/proxy.conf'");
        assertThat(NODE_2.drain()).isEqualTo("'/usr/local/lib/talk-hpb/drain-media-node.sh' 'media-2' '"
                + MediaNodeScripts.DRAIN_MINUTES * 60 + "' '/etc/nextcloud-spreed-signaling/proxy.conf'\n");
    }

    @Test
    void noStepTextHoldsASecret() {
        String texts = NODE_2.configure() + NODE_2.healthCheck() + NODE_2.drain();
        D.allSecrets().forEach(secret -> assertThat(texts).as(secret.name()).doesNotContain(Rendered.secrets().valueOf(secret)));
    }
}
