package com.talkhpb.provision;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import com.talkhpb.bindings.command.remote.Command;
import com.talkhpb.bindings.command.remote.CommandArgs;
import com.talkhpb.bindings.command.remote.ConnectionArgs;
import com.talkhpb.cloud.Host;
import com.talkhpb.model.Deployment;
import com.talkhpb.model.MediaNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings a media node to a working Janus behind the signaling proxy over SSH, as {@link Provisioning}
 * does the HPB: wait for cloud-init (learning the host key), configure (its bundle on standard input),
 * check health. Deleting the node runs its configure step's delete first: the drain, so a scale-down
 * lets the node's calls end before its server goes.
 */
public final class MediaNodeProvisioning extends ComponentResource {
    public static final String TYPE = "talk-hpb:provision:MediaNode";

    private final Command healthCheck;

    /** @param installDocument the node's bundle with secret values (a secret) */
    public MediaNodeProvisioning(Deployment deployment, MediaNode node, Host host, Output<String> installDocument,
            ComponentResourceOptions options) {
        super(TYPE, node.name(), options);
        MediaNodeScripts scripts = new MediaNodeScripts(deployment, node);
        String user = host.sshUser();
        Output<List<Object>> onEveryNewHost = host.instanceId().applyValue(id -> List.of(id));

        Command firstStep = new Command(node.name() + "-wait-for-cloud-init", CommandArgs.builder()
                .connection(Provisioning.connection(deployment, host, Optional.empty()))
                .create(ProvisioningScripts.asRoot(user, ProvisioningScripts.waitForCloudInit()))
                .triggers(onEveryNewHost)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(host.reachable()).build());

        ConnectionArgs pinned = Provisioning.connection(deployment, host,
                Optional.of(firstStep.stdout().applyValue(ProvisioningScripts::hostKeyFrom)));
        String configureScript = ProvisioningScripts.asRoot(user, scripts.configure());
        Command configure = new Command(node.name() + "-configure", CommandArgs.builder()
                .connection(pinned)
                .create(configureScript)
                .update(configureScript)
                .delete(ProvisioningScripts.asRoot(user, scripts.drain()))
                .stdin(installDocument)
                .triggers(onEveryNewHost)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(firstStep).build());

        String healthScript = ProvisioningScripts.asRoot(user, scripts.healthCheck());
        healthCheck = new Command(node.name() + "-health-check", CommandArgs.builder()
                .connection(pinned)
                .create(healthScript)
                .update(healthScript)
                // Runs again whenever configure does, also when only the node's secrets changed.
                .stdin(installDocument.applyValue(document -> "appliedConfiguration " + ProvisioningScripts.sha256(document) + "\n"))
                .triggers(onEveryNewHost)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(configure).build());

        registerOutputs(Map.of("health", healthCheck.stdout()));
    }

    /** The last step: once it has run, the node's proxy answers with its Janus connected. */
    public Resource healthy() {
        return healthCheck;
    }
}
