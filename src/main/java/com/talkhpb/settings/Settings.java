package com.talkhpb.settings;

import java.time.LocalTime;
import com.talkhpb.facts.SecretKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The validated settings of one stack. Build with {@link SettingsReader}. */
public record Settings(
        String stackName,
        String domain,
        List<NextcloudSettings> nextcloud,
        Cloud cloud,
        Optional<Placement> placement,
        Optional<ExistingServer> existingServer,
        boolean ipv6,
        Optional<String> dnsZone,
        boolean protect,
        int secretsGeneration,
        List<Cidr> sshSourceCidrs,
        List<Cidr> metricsSourceCidrs,
        List<String> adminSshKeys,
        TlsSettings tls,
        PortRange rtpPortRange,
        int turnPort,
        Optional<String> turnsName,
        int connectionsPerAddress,
        Optional<String> signalingVersion,
        Optional<LocalTime> securityRebootTime,
        Map<SecretKind, SecretInput> explicitSecrets,
        SecretInput nextcloudSshKey,
        MediaNodes mediaNodes,
        List<Problem> warnings) {

    /** The Pulumi project name, which is also the config namespace. */
    public static final String NAMESPACE = "talk-hpb";

    public Settings {
        nextcloud = List.copyOf(nextcloud);
        sshSourceCidrs = List.copyOf(sshSourceCidrs);
        metricsSourceCidrs = List.copyOf(metricsSourceCidrs);
        adminSshKeys = List.copyOf(adminSshKeys);
        explicitSecrets = Map.copyOf(explicitSecrets);
        warnings = List.copyOf(warnings);
    }

    /** The user provisioning logs in as: the cloud image's, or the existing server's sshUser. */
    public String sshUser() {
        return existingServer.map(ExistingServer::sshUser).orElseGet(cloud::loginUser);
    }

    /** The port provisioning connects to and the firewall admits SSH on: 22, or the existing server's sshPort. */
    public int sshPort() {
        return existingServer.map(ExistingServer::sshPort).orElse(com.talkhpb.facts.WellKnownPorts.SSH);
    }

    /** The explicit value for a host-wide secret, or GENERATE. */
    public SecretInput explicitSecret(SecretKind kind) {
        return explicitSecrets.getOrDefault(kind, SecretInput.GENERATE);
    }
}
