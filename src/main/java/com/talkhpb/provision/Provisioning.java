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
import java.util.List;
import java.util.Map;

/**
 * Brings a fresh host to a working HPB over SSH: wait for cloud-init, install the bundle (secrets on
 * standard input only), check health. Configuration changes update these commands in place; the
 * server is never replaced for them.
 */
public final class Provisioning extends ComponentResource {
    public static final String TYPE = "talk-hpb:provision:Provisioning";
    /** Dial attempts of 15 s each: a new server takes a minute or two to accept SSH. */
    static final int DIAL_ERROR_LIMIT = 60;
    static final int PER_DIAL_TIMEOUT_SECONDS = 15;

    private final Command healthCheck;

    /**
     * @param installDocument the bundle with secret values, as install-bundle.sh reads it (a secret)
     * @param bundleHash      hash of the bundle rendered with placeholders: changes exactly when the configuration does
     */
    public Provisioning(String name, Deployment deployment, Host host, Output<String> installDocument, String bundleHash) {
        super(TYPE, name, ComponentResourceOptions.builder().build());
        ProvisioningScripts scripts = new ProvisioningScripts(deployment);
        String user = host.sshUser();
        ConnectionArgs connection = ConnectionArgs.builder()
                .host(host.publicIpv4())
                .user(user)
                .privateKey(host.deployPrivateKey())
                .dialErrorLimit(DIAL_ERROR_LIMIT)
                .perDialTimeout(PER_DIAL_TIMEOUT_SECONDS)
                .build();

        Command cloudInit = new Command("wait-for-cloud-init", CommandArgs.builder()
                .connection(connection)
                .create(ProvisioningScripts.asRoot(user, scripts.waitForCloudInit()))
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(host.reachable()).build());

        Command configure = new Command("configure", CommandArgs.builder()
                .connection(connection)
                .create(ProvisioningScripts.asRoot(user, scripts.configure()))
                .update(ProvisioningScripts.asRoot(user, scripts.configure()))
                .stdin(installDocument)
                .triggers(List.of(bundleHash))
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(cloudInit).build());

        healthCheck = new Command("health-check", CommandArgs.builder()
                .connection(connection)
                .create(ProvisioningScripts.asRoot(user, scripts.healthCheck()))
                .update(ProvisioningScripts.asRoot(user, scripts.healthCheck()))
                .triggers(List.of(bundleHash))
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(configure).build());

        registerOutputs(Map.of("health", healthCheck.stdout()));
    }

    /** The last step: once it has run, the HPB works. */
    public Resource healthy() {
        return healthCheck;
    }

    /** The health check's JSON line: {"version": …, "features": […]}. */
    public Output<String> healthReport() {
        return healthCheck.stdout();
    }
}
