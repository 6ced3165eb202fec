package com.talkhpb.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.talkhpb.model.Deployment;
import com.talkhpb.model.MediaNode;
import com.talkhpb.facts.TalkRequirements;
import com.talkhpb.model.Topology;
import com.talkhpb.provision.ProvisioningScripts;
import com.talkhpb.render.Bundle;
import com.talkhpb.render.BundleWriter;
import com.talkhpb.render.ExplicitSecretsFirst;
import com.talkhpb.render.HostFacts;
import com.talkhpb.render.SampleSecrets;
import com.talkhpb.render.SecretValues;
import com.talkhpb.settings.SettingsReader;
import com.talkhpb.testing.CallPlans;
import com.talkhpb.testing.HelloV2Tokens;
import com.talkhpb.testing.MapConfig;
import com.talkhpb.verify.Verdicts;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Media nodes with the real daemons: the HPB's signaling server in proxy mode (the rendered
 * server.conf), two nodes each running the rendered Janus and signaling proxy in network namespaces of
 * their own with their own public and private addresses, and real calls by the call client from the
 * participants' side (run-media-nodes-in-namespace.sh has the steps).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaNodesIT {
    static final String HPB_ADDRESS = "198.18.0.20";
    static final String HPB_PRIVATE = "10.77.0.2";
    static final String DOMAIN = "hpb.media.test";
    static final int NEXTCLOUD_PORT = 18082;
    static final String NEXTCLOUD_URL = "http://127.0.0.1:" + NEXTCLOUD_PORT;
    static final int SECONDS = 8;
    static final int LONG_SECONDS = 16;
    static final ObjectMapper JSON = new ObjectMapper();

    Path work;
    String output;

    static String nodePublic(int n) {
        return "198.18.0.3" + n;
    }

    static String nodePrivate(int n) {
        return "10.77.0.1" + n;
    }

    static HostFacts.NodeAddresses node(int n) {
        return new HostFacts.NodeAddresses(nodePublic(n), nodePrivate(n));
    }

    @BeforeAll
    void callsThroughTwoMediaNodes() throws Exception {
        work = Files.createTempDirectory("talk-hpb-media-nodes-");
        String sharedSecret = "media-test-shared-secret-" + "x".repeat(24);
        Deployment single = Deployment.of(SettingsReader.read(MapConfig.valid()
                .with("domain", DOMAIN)
                .with("nextcloud", "[{\"url\":\"" + NEXTCLOUD_URL + "\",\"secret\":\"" + sharedSecret + "\"}]")
                .with("tlsMode", "self-signed").without("acmeEmail")), Topology.PRODUCTION);
        Deployment oneNode = single.withMediaNodes(1);
        Deployment twoNodes = single.withMediaNodes(2);
        SecretValues secrets = new ExplicitSecretsFirst(twoNodes, new SampleSecrets("media"));
        HostFacts hpb = new HostFacts(HPB_ADDRESS);
        write("hpb-one-node.json", Bundle.render(oneNode, hpb.withPrivateNetwork(HPB_PRIVATE, List.of(node(1))), secrets));
        write("hpb-two-nodes.json", Bundle.render(twoNodes, hpb.withPrivateNetwork(HPB_PRIVATE, List.of(node(1), node(2))), secrets));
        for (MediaNode node : twoNodes.mediaNodes()) {
            int n = node.number();
            write("node" + n + ".json", Bundle.renderMediaNode(twoNodes, node,
                    new HostFacts(nodePublic(n)).withPrivateNetwork(nodePrivate(n), List.of()), HPB_PRIVATE, secrets));
        }
        Path provision = ProdBundleIT.copyProvisioningScripts(work.resolve("provision"));
        Path script = ProdBundleIT.copyNamespaceScripts(work, "run-media-nodes-in-namespace.sh");
        try (InputStream in = MediaNodesIT.class.getResourceAsStream("media-node-in-namespace.sh")) {
            Files.copy(in, work.resolve("media-node-in-namespace.sh"));
        }
        Path client = ProdBundleIT.copyCallClient(work);
        Path secretFile = Files.writeString(work.resolve("shared-secret"), sharedSecret);
        HelloV2Tokens tokens = new HelloV2Tokens();
        Path keyFile = Files.writeString(work.resolve("hello-v2-key"), tokens.publicKey());

        Files.writeString(work.resolve("health.json"), new ProvisioningScripts(twoNodes).healthCheckInput(secrets, ""));
        Files.writeString(work.resolve("features"), String.join(",", TalkRequirements.REQUIRED_FEATURES) + "\n"
                + String.join(",", TalkRequirements.OPTIONAL_FEATURES) + "\n");
        CallPlans plans = new CallPlans(work, DOMAIN, NEXTCLOUD_URL, sharedSecret, tokens);
        for (String name : List.of("one-node", "spread-a", "spread-b", "after-remove", "drain-new")) {
            plans.plan(name, "call", SECONDS, CallPlans.harness("outside"), p -> { });
        }
        for (String name : List.of("during-add", "proxy-stopped", "drain-ongoing")) {
            plans.plan(name, "call", LONG_SECONDS, CallPlans.harness("outside"), p -> p.put("timelineSeconds", 2));
        }
        output = ProdBundleIT.runInNamespaces(script, List.of(work.toString(), DOMAIN, HPB_ADDRESS, provision.toString(),
                client.toString(), Integer.toString(NEXTCLOUD_PORT), secretFile.toString(), keyFile.toString(),
                System.getProperty("java.class.path")), 420);
        System.out.println(output);
    }

    void write(String name, Bundle bundle) throws Exception {
        Files.writeString(work.resolve(name), BundleWriter.installDocument(bundle));
    }

    JsonNode report(String step) throws Exception {
        JsonNode report = JSON.readTree(work.resolve(step + ".report.json").toFile());
        assertThat(report.path("ok").asBoolean()).as("call %s: %s\n%s", step, report.path("error").asText(), output).isTrue();
        return report;
    }

    String text(String file) throws Exception {
        return Files.readString(work.resolve(file)).strip();
    }

    static JsonNode participants(JsonNode report) {
        return report.path("phases").get(0).path("participants");
    }

    /** Both participants decoded the other's audio and video, and every connection went to a node's address. */
    static Set<String> mediaFlowedThrough(JsonNode report, int seconds) {
        Set<String> addresses = new LinkedHashSet<>();
        for (JsonNode receiver : participants(report)) {
            for (JsonNode sender : participants(report)) {
                if (sender != receiver) {
                    JsonNode frames = receiver.path("received").path(sender.path("session").asText());
                    assertThat(frames.path("video").asInt()).as("%s's video of %s", receiver.path("name"), sender.path("name"))
                            .isGreaterThanOrEqualTo(Verdicts.MIN_VIDEO_FRAMES_PER_SECOND * seconds);
                    assertThat(frames.path("audio").asInt()).as("%s's audio of %s", receiver.path("name"), sender.path("name"))
                            .isGreaterThanOrEqualTo(Verdicts.MIN_AUDIO_FRAMES_PER_SECOND * seconds);
                }
            }
            receiver.path("mediaAddresses").forEach(a -> addresses.add(a.asText()));
        }
        return addresses;
    }

    /** Every participant's decoded video grew in every interval of the timeline after {@code since} (epoch seconds). */
    static void mediaKeptFlowingAfter(JsonNode report, double since) {
        List<JsonNode> after = new ArrayList<>();
        JsonNode previous = null;
        for (JsonNode sample : report.path("timeline")) {
            if (sample.path("at").asDouble() > since && previous != null) {
                after.add(sample);
                for (var names = sample.path("video").fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    assertThat(sample.path("video").path(name).asInt()).as("%s's frames keep growing: %s", name, report.path("timeline"))
                            .isGreaterThan(previous.path("video").path(name).asInt());
                }
            }
            previous = sample;
        }
        assertThat(after).as("samples after the change: %s", report.path("timeline")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void withOneNodeConfiguredTheCallsMediaGoesThroughThatNodeAndNeverTheHpb() throws Exception {
        assertThat(mediaFlowedThrough(report("one-node"), SECONDS)).containsOnly(nodePublic(1));
    }

    @Test
    void addingANodeReloadsTheSignalingServerWhichRegistersItWhileTheCallOnTheFirstGoesOn() throws Exception {
        JsonNode during = report("during-add");
        assertThat(mediaFlowedThrough(during, LONG_SECONDS)).containsOnly(nodePublic(1));
        mediaKeptFlowingAfter(during, Double.parseDouble(text("add-node.at")));
        assertThat(text("add-node.install.log")).contains("only mcu.url changed", "would reload nextcloud-spreed-signaling")
                .doesNotContain("would restart nextcloud-spreed-signaling");
        assertThat(text("add-node.signaling-after")).as("the same signaling process").isEqualTo(text("add-node.signaling-before"));
        JsonNode details = JSON.readTree(work.resolve("add-node.stats.json").toFile()).path("mcu").path("details");
        assertThat(details).extracting(d -> d.path("url").asText() + " " + d.path("connected").asBoolean())
                .containsExactlyInAnyOrder("http://" + nodePrivate(1) + ":9090 true", "http://" + nodePrivate(2) + ":9090 true");
    }

    @Test
    void roomsStartedOneAfterTheOtherLandOnBothNodesAndTheHpbsOwnJanusCarriesNone() throws Exception {
        Set<String> first = mediaFlowedThrough(report("spread-a"), SECONDS);
        Set<String> second = mediaFlowedThrough(report("spread-b"), SECONDS);
        Set<String> both = new LinkedHashSet<>(first);
        both.addAll(second);
        assertThat(both).as("rooms a %s, b %s", first, second).containsExactlyInAnyOrder(nodePublic(1), nodePublic(2));
        JsonNode details = JSON.readTree(work.resolve("spread.stats.json").toFile()).path("mcu").path("details");
        assertThat(details).as("both nodes carry publishers").allSatisfy(d -> assertThat(d.path("publishers").asInt()).isPositive());
        assertThat(text("spread.hpb-janus-sockets")).as("UDP sockets of the HPB's own Janus during the calls").isEqualTo("0");
    }

    @Test
    void verifyWithTheStatsReportsEachNodesProxyAsTheSignalingServerSeesIt() throws Exception {
        assertThat(text("verify.txt")).as(text("verify.txt"))
                .containsPattern("PASS +media-node +http://" + nodePrivate(1).replace(".", "\\.") + ":9090 connected, load [0-9]+, [0-9]+ publishers")
                .containsPattern("PASS +media-node +http://" + nodePrivate(2).replace(".", "\\.") + ":9090 connected, load [0-9]+, [0-9]+ publishers");
    }

    @Test
    void whenANodesProxyStopsTheSignalingServerSeesItTheHealthCheckFailsNamingItAndNewCallsGoToTheOther() throws Exception {
        JsonNode details = JSON.readTree(work.resolve("proxy-stopped.stats.json").toFile()).path("mcu").path("details");
        assertThat(details).filteredOn(d -> d.path("url").asText().contains(nodePrivate(1)))
                .allSatisfy(d -> assertThat(d.path("connected").asBoolean()).isFalse());
        assertThat(text("health-node-down.status")).isNotEqualTo("0");
        assertThat(text("health-node-down.log")).contains("media nodes not connected: http://" + nodePrivate(1) + ":9090;");
        assertThat(mediaFlowedThrough(report("proxy-stopped"), LONG_SECONDS)).containsOnly(nodePublic(2));
    }

    @Test
    void theHealthChecksPassWithTheNodesAndTheHpbsReportListsEachProxyWithItsLoad() throws Exception {
        assertThat(text("health-one-node.status")).as(text("health-one-node.log")).isEqualTo("0");
        JsonNode report = JSON.readTree(text("health-one-node.json"));
        assertThat(report.path("mediaNodes")).singleElement().satisfies(node -> {
            assertThat(node.path("url").asText()).isEqualTo("http://" + nodePrivate(1) + ":9090");
            assertThat(node.path("connected").asBoolean()).isTrue();
            assertThat(node.has("load")).isTrue();
        });
        assertThat(text("health-one-node.log")).contains("ok: every media node's proxy connected");
        assertThat(text("node1-health.status")).as(text("node1-health.log")).isEqualTo("0");
        assertThat(JSON.readTree(text("node1-health.json")).path("proxy").asText()).isEqualTo(nodePrivate(1) + ":9090");
    }

    @Test
    void removingANodeFromTheHpbLetsItsCallGoOnWhileNewCallsGoToTheOthers() throws Exception {
        mediaKeptFlowingAfter(report("proxy-stopped"), Double.parseDouble(text("remove-node.at")));
        assertThat(text("remove-node.install.log")).contains("only mcu.url changed");
        assertThat(mediaFlowedThrough(report("after-remove"), SECONDS)).containsOnly(nodePublic(1));
    }

    @Test
    void aDrainingNodeTakesNoNewPublishersWhileItsCallGoesOnAndItsProxyEndsWhenTheCallDoes() throws Exception {
        int drained = Integer.parseInt(text("drain.node"));
        int other = 3 - drained;
        JsonNode ongoing = report("drain-ongoing");
        assertThat(mediaFlowedThrough(ongoing, LONG_SECONDS)).containsOnly(nodePublic(drained));
        mediaKeptFlowingAfter(ongoing, Double.parseDouble(text("drain.at")));
        assertThat(mediaFlowedThrough(report("drain-new"), SECONDS)).as("the new call").containsOnly(nodePublic(other));
        assertThat(text("drain.proxy-while-call")).as("the drained proxy while its call goes on").isEqualTo("alive");
        assertThat(text("drain.proxy-after-call")).as("the drained proxy once its call ended").isEqualTo("exited");
    }

    @Test
    void aNodesProxyAnswersTheHpbOnTheNodesPrivateAddressAndNobodyOutside() throws Exception {
        int other = 3 - Integer.parseInt(text("drain.node"));
        assertThat(text("reach.txt").lines().toList()).containsExactly(
                "http://" + nodePrivate(other) + ":9090/welcome open",
                "outside http://" + nodePrivate(other) + ":9090/welcome closed",
                "outside http://" + nodePublic(other) + ":9090/welcome closed");
    }
}
