package com.talkhpb.render;

import com.talkhpb.model.Deployment;
import java.util.ArrayList;
import java.util.List;

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
        files.addAll(SystemdDropIns.all());
        files.addAll(SshAccess.all());
        files.addAll(HostFirewall.all());
        if (deployment.tls().mode() == com.talkhpb.settings.TlsMode.PROVIDED) {
            files.addAll(ProvidedCertificate.all());
        }
        return files;
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
