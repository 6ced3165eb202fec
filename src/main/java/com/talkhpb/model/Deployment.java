package com.talkhpb.model;

import com.talkhpb.facts.SecretKind;
import com.talkhpb.facts.WellKnownPorts;
import com.talkhpb.settings.Cidr;
import com.talkhpb.settings.NextcloudSettings;
import com.talkhpb.settings.Placement;
import com.talkhpb.settings.PortRange;
import com.talkhpb.settings.SecretInput;
import com.talkhpb.settings.Settings;
import com.talkhpb.settings.TlsMode;
import com.talkhpb.settings.TlsSettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The whole HPB derived from one stack's settings: endpoints, listeners, port plan, secrets, packages
 * and paths. Renderers and cloud resources read this and nothing else, so they cannot disagree.
 */
public record Deployment(
        Machine machine,
        Topology topology,
        String domain,
        Endpoints endpoints,
        HostPort signalingListener,
        HostPort janusWebsocket,
        HostPort nats,
        int httpsPort,
        int httpPort,
        int turnPort,
        Optional<TurnsOn443> turns,
        PortRange rtpPorts,
        PortRange turnRelayPorts,
        int connectionsPerAddress,
        List<Backend> backends,
        List<SecretRef> hostSecrets,
        PortPlan portPlan,
        PackageSet packages,
        HostPaths paths,
        TlsSettings tls,
        PublicAddressing publicAddressing,
        Optional<LocalTime> securityRebootTime,
        int secretsGeneration,
        List<String> adminSshKeys,
        Map<SecretKind, SecretInput> explicitSecrets,
        SecretInput nextcloudSshKey,
        List<MediaNode> mediaNodes,
        Optional<Monitoring> monitoring) {

    /** Path under the public origin where nginx serves the signaling server. */
    public static final String SIGNALING_PATH = "/standalone-signaling/";
    private static final String LOOPBACK = "127.0.0.1";

    public static final SecretRef HASH_KEY = new SecretRef("hashKey", SecretKind.HASH_KEY);
    public static final SecretRef BLOCK_KEY = new SecretRef("blockKey", SecretKind.BLOCK_KEY);
    public static final SecretRef INTERNAL_SECRET = new SecretRef("internalSecret", SecretKind.INTERNAL_SECRET);
    public static final SecretRef TURN_API_KEY = new SecretRef("turnApiKey", SecretKind.TURN_API_KEY);
    public static final SecretRef TURN_SECRET = new SecretRef("turnSecret", SecretKind.TURN_SECRET);
    public static final SecretRef TLS_CERTIFICATE = new SecretRef("tlsCertificate", SecretKind.TLS_CERTIFICATE);
    public static final SecretRef TLS_PRIVATE_KEY = new SecretRef("tlsPrivateKey", SecretKind.TLS_PRIVATE_KEY);
    public static final SecretRef MEDIA_TOKEN_KEY = new SecretRef("mediaTokenKey", SecretKind.MEDIA_TOKEN_KEY);
    public static final SecretRef MEDIA_TOKEN_PUBLIC_KEY = new SecretRef("mediaTokenPublicKey", SecretKind.MEDIA_TOKEN_PUBLIC_KEY);
    /** The token id the signaling server signs as and the proxies trust ([mcu] token_id, [tokens]). */
    public static final String MEDIA_TOKEN_ID = "talk-hpb";

    public Deployment {
        backends = List.copyOf(backends);
        hostSecrets = List.copyOf(hostSecrets);
        adminSshKeys = List.copyOf(adminSshKeys);
        explicitSecrets = Map.copyOf(explicitSecrets);
        mediaNodes = List.copyOf(mediaNodes);
    }

    public static Deployment of(Settings settings, Topology topology) {
        String domain = settings.domain();
        int turnPort = settings.turnPort();
        String turnHostPort = domain + ":" + turnPort;
        Optional<TurnsOn443> turns = settings.turnsName().map(name -> new TurnsOn443(name,
                new HostPort(LOOPBACK, WellKnownPorts.HTTPS_BEHIND_STREAM), new HostPort(LOOPBACK, WellKnownPorts.TURNS_TERMINATOR)));
        List<TalkTurnServer> talkTurnServers = new ArrayList<>(List.of(new TalkTurnServer("turn", turnHostPort, "udp,tcp")));
        turns.ifPresent(t -> talkTurnServers.add(new TalkTurnServer("turns", t.name() + ":" + WellKnownPorts.HTTPS, "tcp")));
        Endpoints endpoints = new Endpoints(
                "https://" + domain + SIGNALING_PATH,
                "wss://" + domain + SIGNALING_PATH + "spreed",
                turnHostPort,
                talkTurnServers);
        List<Backend> backends = backends(settings.nextcloud());
        return new Deployment(
                new Machine(settings.stackName(), settings.cloud(), settings.placement(), settings.existingServer(), settings.ipv6(),
                        settings.sshUser(), settings.sshPort(), settings.dnsZone(), settings.protect()),
                topology,
                domain,
                endpoints,
                new HostPort(LOOPBACK, WellKnownPorts.SIGNALING),
                new HostPort(LOOPBACK, WellKnownPorts.JANUS_WEBSOCKET),
                new HostPort(LOOPBACK, WellKnownPorts.NATS),
                WellKnownPorts.HTTPS,
                WellKnownPorts.HTTP,
                turnPort,
                turns,
                settings.rtpPortRange(),
                new PortRange(WellKnownPorts.TURN_RELAY_MIN, WellKnownPorts.TURN_RELAY_MAX),
                settings.connectionsPerAddress(),
                backends,
                settings.tls().mode() == TlsMode.PROVIDED
                        ? List.of(HASH_KEY, BLOCK_KEY, INTERNAL_SECRET, TURN_API_KEY, TURN_SECRET, TLS_CERTIFICATE, TLS_PRIVATE_KEY)
                        : List.of(HASH_KEY, BLOCK_KEY, INTERNAL_SECRET, TURN_API_KEY, TURN_SECRET),
                portPlan(settings),
                new PackageSet(
                        List.of("janus", "nats-server", "coturn", "nginx", "certbot", "chrony", "openssl",
                                "unattended-upgrades", "curl", "jq"),
                        List.of(PackageSet.SIGNALING, PackageSet.SIGNALING + "-common", PackageSet.SIGNALING + "-proxy"),
                        settings.signalingVersion(),
                        // nginx's stream module, for TURN over TLS on 443; nftables for the host firewall
                        // (Debian's cloud images have it, minimal installs may not).
                        List.of("libnginx-mod-stream", "nftables"),
                        PackageSet.SIGNALING),
                HostPaths.under(topology),
                settings.tls(),
                PublicAddressing.of(settings),
                settings.securityRebootTime(),
                settings.secretsGeneration(),
                settings.adminSshKeys(),
                settings.explicitSecrets(),
                settings.nextcloudSshKey(),
                List.of(),
                monitoring(settings))
                .withMediaNodes(settings.mediaNodes().count(), settings.mediaNodes().placement());
    }

    /**
     * This deployment with {@code count} media nodes, numbered from 1: the signaling server places
     * publishers on them through their proxies, and the HPB's own Janus carries no call.
     */
    public Deployment withMediaNodes(int count) {
        return withMediaNodes(count, machine.placement());
    }

    private Deployment withMediaNodes(int count, Optional<Placement> placement) {
        if (count > 0 && placement.isEmpty()) {
            throw new IllegalArgumentException("media nodes need a placement: they are VMs talk-hpb creates");
        }
        List<MediaNode> nodes = java.util.stream.IntStream.rangeClosed(1, count)
                .mapToObj(n -> MediaNode.numbered(n, placement.orElseThrow())).toList();
        return new Deployment(machine, topology, domain, endpoints, signalingListener, janusWebsocket, nats, httpsPort, httpPort,
                turnPort, turns, rtpPorts, turnRelayPorts, connectionsPerAddress, backends, hostSecrets, portPlan, packages, paths,
                tls, publicAddressing, securityRebootTime, secretsGeneration, adminSshKeys, explicitSecrets, nextcloudSshKey, nodes,
                monitoring);
    }

    /**
     * A media node's packages: Janus and the signaling proxy (held at the HPB's signaling version, so
     * both ends speak the same proxy protocol), the host firewall, time and security updates.
     */
    public PackageSet mediaNodePackages() {
        return new PackageSet(List.of("janus", "chrony", "unattended-upgrades", "curl", "jq", "nftables"),
                List.of(PackageSet.PROXY, PackageSet.SIGNALING + "-common"), packages.signalingVersion(), List.of(), PackageSet.PROXY);
    }

    /** Whether calls go through media nodes (the signaling server's proxy MCU) instead of the HPB's own Janus. */
    public boolean usesMediaNodes() {
        return !mediaNodes.isEmpty();
    }

    /**
     * What a media node admits: SSH as on the HPB, its proxy from the HPB's private address only, and
     * Janus's RTP range from anywhere (participants send their media straight to the node).
     */
    public PortPlan mediaNodePortPlan(String hpbPrivateIpv4) {
        List<PortRule> rules = new ArrayList<>();
        portPlan.rules().stream()
                .filter(rule -> rule.protocol() == Protocol.TCP && rule.ports().equals(PortRange.single(machine.sshPort())))
                .forEach(rules::add);
        rules.add(new PortRule(Protocol.TCP, PortRange.single(WellKnownPorts.MEDIA_PROXY), List.of(hpbPrivateIpv4 + "/32"),
                "the signaling proxy, for the HPB's signaling server only (private network)"));
        rules.add(new PortRule(Protocol.UDP, rtpPorts, PortRule.ANYWHERE, "WebRTC media (Janus RTP/RTCP)"));
        if (monitoring.isPresent()) {
            for (Exporter exporter : Monitoring.mediaNodeExporters()) {
                if (exporter.installed()) {
                    rules.add(new PortRule(Protocol.TCP, PortRange.single(exporter.port()), List.of(hpbPrivateIpv4 + "/32"),
                            "the " + exporter.id() + " exporter, for the HPB's metrics endpoint only (private network)"));
                }
            }
        }
        return new PortPlan(rules, portPlan.icmp());
    }

    /** The names the HPB's certificate must cover: its domain, and the TURN name when TURN is served over TLS. */
    public List<String> certificateNames() {
        return Stream.concat(Stream.of(domain), turns.stream().map(TurnsOn443::name)).toList();
    }

    /** Every secret the HPB needs: the host-wide ones, one per Nextcloud backend, and the media nodes' when there are some. */
    public List<SecretRef> allSecrets() {
        List<SecretRef> all = new ArrayList<>(hostSecrets);
        backends.stream().map(Backend::secret).forEach(all::add);
        if (usesMediaNodes()) {
            all.add(MEDIA_TOKEN_KEY);
            all.add(MEDIA_TOKEN_PUBLIC_KEY);
            mediaNodes.forEach(node -> all.addAll(List.of(node.hashKey(), node.blockKey())));
        }
        if (monitoring.isPresent()) {
            all.add(Monitoring.TOKEN);
        }
        return List.copyOf(all);
    }

    /** The value the stack config gives for a secret, or GENERATE when it is to be generated. */
    public SecretInput explicitSecret(SecretRef ref) {
        if (ref.kind() == SecretKind.BACKEND_SECRET) {
            return backends.stream().filter(b -> b.secret().equals(ref)).findFirst().map(Backend::explicitSecret)
                    .orElseThrow(() -> new IllegalArgumentException("unknown backend secret " + ref.name()));
        }
        return switch (ref.kind()) {
            case TLS_CERTIFICATE -> tls.certificate();
            case TLS_PRIVATE_KEY -> tls.privateKey();
            default -> explicitSecrets.getOrDefault(ref.kind(), SecretInput.GENERATE);
        };
    }

    /**
     * Backend ids are derived from the URL, not the list position, so reordering the list or removing
     * one Nextcloud neither renames sections nor rotates another backend's secret.
     */
    private static List<Backend> backends(List<NextcloudSettings> nextcloud) {
        List<Backend> result = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (NextcloudSettings nc : nextcloud) {
            String base = "backend-" + slug(nc.url().getHost() + (nc.url().getPort() > 0 ? "-" + nc.url().getPort() : "")
                    + (nc.url().getPath() == null ? "" : nc.url().getPath()));
            String id = base;
            for (int n = 2; !used.add(id); n++) {
                id = base + "-" + n;
            }
            result.add(new Backend(id, nc.url(), new SecretRef(id, SecretKind.BACKEND_SECRET), nc.secret(), nc.access()));
        }
        return result;
    }

    private static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    }

    private static Optional<Monitoring> monitoring(Settings settings) {
        List<String> sources = settings.metricsSourceCidrs().stream().map(Cidr::text).toList();
        return sources.isEmpty() ? Optional.empty() : Optional.of(new Monitoring(WellKnownPorts.METRICS, sources));
    }

    private static PortPlan portPlan(Settings settings) {
        List<String> ssh = settings.sshSourceCidrs().stream().map(Cidr::text).toList();
        List<PortRule> rules = new ArrayList<>(List.of(
                new PortRule(Protocol.TCP, PortRange.single(settings.sshPort()), ssh,
                        "SSH for provisioning and administration, from the configured sources only"),
                new PortRule(Protocol.TCP, PortRange.single(WellKnownPorts.HTTP), PortRule.ANYWHERE,
                        "HTTP: ACME http-01 challenges and redirect to HTTPS"),
                new PortRule(Protocol.TCP, PortRange.single(WellKnownPorts.HTTPS), PortRule.ANYWHERE,
                        "HTTPS: signaling API and WebSocket through nginx"),
                new PortRule(Protocol.UDP, PortRange.single(settings.turnPort()), PortRule.ANYWHERE,
                        "TURN/STUN over UDP (coturn)"),
                new PortRule(Protocol.TCP, PortRange.single(settings.turnPort()), PortRule.ANYWHERE,
                        "TURN/STUN over TCP for clients behind UDP-blocking firewalls (coturn)"),
                new PortRule(Protocol.UDP, settings.rtpPortRange(), PortRule.ANYWHERE,
                        "WebRTC media (Janus RTP/RTCP)")));
        monitoring(settings).ifPresent(metrics -> rules.add(new PortRule(Protocol.TCP, PortRange.single(metrics.port()),
                metrics.sourceCidrs(), "Metrics: Prometheus scrapes every exporter here, over TLS with its token")));
        return new PortPlan(rules,
                List.of(new IcmpRule(false, 3, 4, "Path MTU discovery: fragmentation needed, sent by routers on the way"),
                        new IcmpRule(true, 2, IcmpRule.ANY_CODE, "Path MTU discovery on IPv6: packet too big")));
    }
}
