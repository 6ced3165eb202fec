package com.talkhpb.program;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import com.talkhpb.cloud.Host;
import com.talkhpb.cloud.aws.AwsHost;
import com.talkhpb.cloud.existing.ExistingHost;
import com.talkhpb.cloud.hcloud.HetznerHost;
import com.talkhpb.model.Backend;
import com.talkhpb.model.Deployment;
import com.talkhpb.model.Monitoring;
import com.talkhpb.render.PrometheusScrapeConfig;
import com.talkhpb.model.MediaNode;
import com.talkhpb.model.Topology;
import com.talkhpb.provision.MediaNodeProvisioning;
import com.talkhpb.provision.Provisioning;
import com.talkhpb.provision.ProvisioningScripts;
import com.talkhpb.provision.TalkSettings;
import com.talkhpb.render.Bundle;
import com.talkhpb.render.BundleWriter;
import com.talkhpb.render.HostFacts;
import com.talkhpb.render.MapSecrets;
import com.talkhpb.render.NextcloudWiring;
import com.talkhpb.settings.Settings;
import com.talkhpb.settings.SettingsReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Pulumi program: settings (all validated before any resource) → model → secrets, host,
 * provisioning → stack outputs. Every output that holds a secret is a Pulumi secret.
 */
public final class HpbProgram {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HpbProgram() {
    }

    public static void stack(Context ctx) {
        Settings settings = SettingsReader.read(new PulumiConfigSource(ctx));
        settings.warnings().forEach(warning -> ctx.log().warn(warning.toString()));
        Deployment deployment = Deployment.of(settings, Topology.PRODUCTION);

        ComponentResourceOptions atRoot = ComponentResourceOptions.builder().build();
        HpbSecrets secrets = new HpbSecrets("secrets", deployment, atRoot);
        Host host = switch (deployment.machine().cloud()) {
            case HCLOUD -> new HetznerHost("hpb", deployment, atRoot);
            case AWS -> new AwsHost("hpb", deployment, atRoot);
            case EXISTING -> new ExistingHost("hpb", deployment,
                    Output.ofSecret(settings.existingServer().orElseThrow().sshPrivateKey().value().orElse("")), atRoot);
        };

        List<Resource> mediaNodesHealthy = provisionMediaNodes(deployment, host, secrets, atRoot);
        Output<String> installDocument = Output.tuple(hostFacts(host), secrets.all()).applyValue(t ->
                BundleWriter.installDocument(Bundle.render(deployment, t.t1, new MapSecrets(t.t2))));
        Output<String> healthCheckInput = Output.tuple(secrets.all(), installDocument).applyValue(t ->
                new ProvisioningScripts(deployment).healthCheckInput(new MapSecrets(t.t1), t.t2));
        Provisioning provisioning = new Provisioning("hpb", deployment, host, installDocument.asSecret(),
                healthCheckInput.asSecret(), mediaNodesHealthy, atRoot);

        TalkSettings talk = new TalkSettings("nextcloud", deployment, secrets::value,
                Output.ofSecret(deployment.nextcloudSshKey().value().orElse("")), provisioning.healthy(), atRoot);

        exportOutputs(ctx, deployment, host, secrets, provisioning);
        ctx.export("talkConfigured", talk.configured());
    }

    /** The HPB's facts: its addresses and, with media nodes, its private address and the nodes' addresses in node order. */
    private static Output<HostFacts> hostFacts(Host host) {
        Output<HostFacts> own = Output.tuple(host.publicIpv4(), host.interfaceIpv4()).applyValue(t -> new HostFacts(t.t1, t.t2));
        if (host.mediaNodes().isEmpty()) {
            return own;
        }
        List<Output<HostFacts.NodeAddresses>> nodes = host.mediaNodes().stream().map(node -> Output.tuple(node.publicIpv4(),
                node.privateIpv4().orElseThrow()).applyValue(t -> new HostFacts.NodeAddresses(t.t1, t.t2))).toList();
        return Output.tuple(own, host.privateIpv4().orElseThrow(), Output.all(nodes))
                .applyValue(t -> t.t1.withPrivateNetwork(t.t2, t.t3));
    }

    /** Each media node's steps, with its bundle; returns their health checks, which the HPB's waits for. */
    private static List<Resource> provisionMediaNodes(Deployment deployment, Host host, HpbSecrets secrets,
            ComponentResourceOptions options) {
        List<Resource> healthy = new ArrayList<>();
        for (int i = 0; i < host.mediaNodes().size(); i++) {
            MediaNode node = deployment.mediaNodes().get(i);
            Host nodeHost = host.mediaNodes().get(i);
            Output<String> document = Output.tuple(nodeHost.publicIpv4(), nodeHost.interfaceIpv4(), nodeHost.privateIpv4().orElseThrow(),
                    host.privateIpv4().orElseThrow(), secrets.all()).applyValue(t -> BundleWriter.installDocument(Bundle.renderMediaNode(
                            deployment, node, new HostFacts(t.t1, t.t2).withPrivateNetwork(t.t3, List.of()), t.t4, new MapSecrets(t.t5))));
            healthy.add(new MediaNodeProvisioning(deployment, node, nodeHost, document.asSecret(), options).healthy());
        }
        return healthy;
    }

    private static void exportOutputs(Context ctx, Deployment d, Host host, HpbSecrets secrets, Provisioning provisioning) {
        ctx.export("publicIpv4", host.publicIpv4());
        host.publicIpv6().ifPresent(ip -> ctx.export("publicIpv6", ip));
        // Exported also so that an image that does not fit the machine fails the run (at the preview).
        host.image().ifPresent(image -> ctx.export("serverImage", image));
        ctx.export("signalingUrl", Output.of(d.endpoints().signalingUrl()));
        Map<String, Output<String>> sharedSecrets = new LinkedHashMap<>();
        for (Backend backend : d.backends()) {
            sharedSecrets.put(backend.url().toString(), secrets.value(backend.secret()));
        }
        ctx.export("sharedSecrets", Output.all(new ArrayList<>(sharedSecrets.values())).applyValue(values -> {
            Map<String, String> byUrl = new LinkedHashMap<>();
            List<String> urls = new ArrayList<>(sharedSecrets.keySet());
            for (int i = 0; i < urls.size(); i++) {
                byUrl.put(urls.get(i), values.get(i));
            }
            return byUrl;
        }).asSecret());
        ctx.export("turnServers", Output.of(d.endpoints().turnServers()));
        ctx.export("stunServers", Output.of(List.of(d.endpoints().stunServer())));
        ctx.export("turnSecret", secrets.value(Deployment.TURN_SECRET));
        ctx.export("internalSecret", secrets.value(Deployment.INTERNAL_SECRET));
        ctx.export("occCommands", secrets.all().applyValue(values -> NextcloudWiring.occCommands(d, new MapSecrets(values))).asSecret());
        List<String> firewall = new ArrayList<>(d.portPlan().rules().stream()
                .map(r -> r.protocol().lower() + " " + r.ports() + " from " + String.join(",", r.sourceCidrs())).toList());
        d.portPlan().icmp().forEach(icmp -> firewall.add(icmp.describe() + " from " + (icmp.ipv6() ? "::/0" : "0.0.0.0/0")));
        ctx.export("firewall", Output.of(firewall));
        Output<JsonNode> health = provisioning.healthReport().applyValue(HpbProgram::lastJsonLine);
        ctx.export("signalingVersion", health.applyValue(h -> h.path("version").asText()));
        ctx.export("signalingFeatures", health.applyValue(h -> texts(h.path("features"))));
        ctx.export("missingOptionalFeatures", health.applyValue(h -> texts(h.path("missingOptionalFeatures"))));
        if (d.usesMediaNodes()) {
            ctx.export("mediaNodes", mediaNodes(d, host, health));
        }
        d.monitoring().ifPresent(metrics -> {
            ctx.export("metricsEndpoint", Output.of("https://" + d.domain() + ":" + metrics.port()));
            ctx.export("prometheusScrapeConfig", secrets.value(Monitoring.TOKEN)
                    .applyValue(token -> PrometheusScrapeConfig.render(d, token)).asSecret());
        });
        if (d.machine().cloud().createsMachine()) {
            // An existing server's key is the admin's own: the stack has it already.
            ctx.export("deployPrivateKey", host.deployPrivateKey().asSecret());
        }
    }

    /**
     * Each media node: its name and addresses, and its proxy's state as the signaling server saw it at
     * the end of the deployment (connected, load, publishers), from the HPB's health check.
     */
    private static Output<List<Map<String, Object>>> mediaNodes(Deployment d, Host host, Output<JsonNode> health) {
        List<Output<List<String>>> addresses = host.mediaNodes().stream()
                .map(node -> Output.all(node.publicIpv4(), node.privateIpv4().orElseThrow(), node.image().orElse(Output.of("")))).toList();
        return Output.tuple(Output.all(addresses), health).applyValue(t -> {
            List<Map<String, Object>> nodes = new ArrayList<>();
            for (int i = 0; i < t.t1.size(); i++) {
                MediaNode node = d.mediaNodes().get(i);
                String proxyUrl = node.proxyUrl(t.t1.get(i).get(1));
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", node.name());
                entry.put("publicIpv4", t.t1.get(i).get(0));
                entry.put("privateIpv4", t.t1.get(i).get(1));
                entry.put("proxyUrl", proxyUrl);
                if (!t.t1.get(i).get(2).isEmpty()) {
                    entry.put("image", t.t1.get(i).get(2));
                }
                for (JsonNode seen : t.t2.path("mediaNodes")) {
                    if (seen.path("url").asText().equals(proxyUrl)) {
                        entry.put("connected", seen.path("connected").asBoolean());
                        entry.put("load", seen.path("load").asInt());
                        entry.put("publishers", seen.path("publishers").asInt());
                    }
                }
                nodes.add(entry);
            }
            return nodes;
        });
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    static JsonNode lastJsonLine(String stdout) {
        String[] lines = stdout.strip().split("\n");
        try {
            return JSON.readTree(lines[lines.length - 1]);
        } catch (Exception e) {
            throw new IllegalStateException("the health check printed no report: " + stdout, e);
        }
    }
}
