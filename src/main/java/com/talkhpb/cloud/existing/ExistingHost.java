package com.talkhpb.cloud.existing;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import com.talkhpb.cloud.Host;
import com.talkhpb.model.Deployment;
import com.talkhpb.settings.ExistingServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Debian 12 server the admin already has (cloud existing): no cloud resource, only what the stack
 * says of it. Its address is its identity: a new address is a new server, on which every provisioning
 * step runs again. Its firewall is the host firewall configure installs (the only one it has).
 */
public final class ExistingHost extends ComponentResource implements Host {
    public static final String TYPE = "talk-hpb:existing:Host";

    private final ExistingServer server;
    private final Output<String> privateKey;

    /** @param privateKey the sshPrivateKey setting's value (a secret) */
    public ExistingHost(String name, Deployment deployment, Output<String> privateKey, ComponentResourceOptions options) {
        super(TYPE, name, options);
        this.server = deployment.machine().existingServer()
                .orElseThrow(() -> new IllegalArgumentException("not an existing server: " + deployment.machine().cloud()));
        this.privateKey = privateKey.asSecret();
        registerOutputs(Map.of("ipv4", Output.of(server.publicIpv4())));
    }

    @Override
    public Output<String> publicIpv4() {
        return Output.of(server.publicIpv4());
    }

    @Override
    public Output<String> interfaceIpv4() {
        return Output.of(server.interfaceIpv4());
    }

    @Override
    public Optional<Output<String>> publicIpv6() {
        return server.publicIpv6().map(Output::of);
    }

    @Override
    public String sshUser() {
        return server.sshUser();
    }

    @Override
    public Output<String> deployPrivateKey() {
        return privateKey;
    }

    @Override
    public Output<String> instanceId() {
        return Output.of(server.publicIpv4());
    }

    @Override
    public Resource reachable() {
        return this;
    }

    @Override
    public List<Resource> dnsRecords() {
        return List.of();
    }

    /** Media nodes are refused with cloud existing (settings), so it has no private network. */
    @Override
    public Optional<Output<String>> privateIpv4() {
        return Optional.empty();
    }

    @Override
    public List<Host> mediaNodes() {
        return List.of();
    }
}
