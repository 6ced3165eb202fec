package com.talkhpb.render;

import com.talkhpb.model.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import com.talkhpb.model.MediaNode;

/** Every file the host receives, in a fixed order, plus the user-data that installs the packages. */
public record Bundle(Deployment deployment, List<BundleFile> files, String userData) {
    public Bundle {
        files = List.copyOf(files);
    }

    /** The files of this deployment, one renderer each. */
    public static List<ConfigFile> configFiles(Deployment deployment) {
        List<ConfigFile> files = new ArrayList<>(List.of(
                new NatsServerConf(),
                new TurnserverConf(),
                new JanusConf(),
                new JanusWebsocketsTransportConf(),
                new JanusVideoroomPluginConf(),
                new SignalingServerConf(),
                new NginxConf(),
                new NginxSite(),
                new UnattendedUpgradesConf()));
        if (deployment.turns().isPresent()) {
            files.add(new NginxStream());
        }
        if (deployment.usesMediaNodes()) {
            files.add(MediaTokenKeys::privateKey);
        }
        files.addAll(SystemdDropIns.all());
        files.addAll(SystemdRestartPolicy.hpb());
        files.addAll(SshAccess.all());
        files.addAll(HostFirewall.hpb(deployment));
        if (deployment.tls().mode() == com.talkhpb.settings.TlsMode.PROVIDED) {
            files.addAll(ProvidedCertificate.all());
        }
        files.addAll(AcmeClient.all(deployment));
        files.addAll(Watchdog.all());
        if (deployment.monitoring().isPresent()) {
            files.add(new MetricsSite());
            files.addAll(Exporters.all(false));
        }
        return files;
    }

    /** A media node's files: Janus, the signaling proxy in front of it, and the host's own settings and firewall. */
    public static List<ConfigFile> mediaNodeFiles(Deployment deployment) {
        List<ConfigFile> files = new ArrayList<>(List.of(
                new JanusConf(),
                new JanusWebsocketsTransportConf(),
                new JanusVideoroomPluginConf(),
                new ProxyConf(),
                MediaTokenKeys::publicKey,
                new UnattendedUpgradesConf(),
                SystemdDropIns::janus));
        files.addAll(SystemdRestartPolicy.mediaNode());
        files.addAll(SshAccess.all());
        files.addAll(HostFirewall.all());
        files.addAll(Watchdog.all());
        if (deployment.monitoring().isPresent()) {
            files.addAll(Exporters.all(true));
        }
        return files;
    }

    /**
     * Media node {@code node}'s bundle: {@code host} are the node's facts (its public, interface and
     * private addresses), {@code hpbPrivateIpv4} the HPB's address on the private network.
     */
    public static Bundle renderMediaNode(Deployment deployment, MediaNode node, HostFacts host, String hpbPrivateIpv4,
            SecretValues secrets) {
        RenderContext ctx = new RenderContext(deployment, host, secrets, Optional.of(new RenderContext.NodeRole(node, hpbPrivateIpv4)));
        List<BundleFile> files = mediaNodeFiles(deployment).stream().map(f -> f.render(ctx)).toList();
        return new Bundle(deployment, files, CloudConfig.render(deployment.mediaNodePackages()));
    }

    public static Bundle render(Deployment deployment, HostFacts host, SecretValues secrets) {
        RenderContext ctx = new RenderContext(deployment, host, secrets);
        List<BundleFile> files = configFiles(deployment).stream().map(f -> f.render(ctx)).toList();
        return new Bundle(deployment, files, CloudConfig.render(deployment));
    }

    /** System users the daemons run as that Debian's packages do not create; the install creates them first. */
    public List<String> systemUsers() {
        return List.of(JanusConf.USER);
    }

    public BundleFile file(String bundlePath) {
        return files.stream().filter(f -> f.bundlePath().equals(bundlePath)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no file " + bundlePath + " in the bundle"));
    }
}
