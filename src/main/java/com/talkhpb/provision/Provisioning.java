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
import com.talkhpb.facts.WellKnownPorts;
import com.talkhpb.model.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings a host to a working HPB over SSH: wait for cloud-init (on an existing server: prepare it as
 * user-data would, see {@link ExistingServerScripts}), configure (secrets on standard input
 * only), check health. A configuration change changes the steps' texts, so the steps are updated in
 * place and run their update; a new host (its id is every step's trigger) replaces them all, so every
 * step runs again on it. The health check's text names the configure step's, so it runs whenever
 * configure does. On a VM talk-hpb creates, the first step carries no secret and learns the host's key
 * (trust on first use), once per machine: its text never changes and its only trigger is the machine's
 * id. Every other step connects only to a host holding that key, so no secret goes to whoever else
 * answers on the address. An existing server's key comes from the stack (sshHostKey), and every step
 * requires it, prepare-host too.
 */
public final class Provisioning extends ComponentResource {
    public static final String TYPE = "talk-hpb:provision:Provisioning";
    /** Dial attempts of 15 s each: a new server takes a minute or two to accept SSH. */
    static final int DIAL_ERROR_LIMIT = 60;
    static final int PER_DIAL_TIMEOUT_SECONDS = 15;

    private final Command healthCheck;

    /**
     * @param installDocument  the bundle with secret values, as install-bundle.sh reads it (a secret)
     * @param healthCheckInput the secrets the health check proves the running daemons hold (a secret)
     * @param healthCheckAfter what must be up before the health check can pass: the media nodes' own checks
     */
    public Provisioning(String name, Deployment deployment, Host host, Output<String> installDocument,
            Output<String> healthCheckInput, List<Resource> healthCheckAfter, ComponentResourceOptions options) {
        super(TYPE, name, options);
        ProvisioningScripts scripts = new ProvisioningScripts(deployment);
        String user = host.sshUser();
        Output<List<Object>> onEveryNewHost = host.instanceId().applyValue(id -> List.of(id));

        Command firstStep = deployment.machine().existingServer().isPresent()
                ? prepareExistingServer(deployment, host, onEveryNewHost)
                : new Command("wait-for-cloud-init", CommandArgs.builder()
                        .connection(connection(deployment, host, Optional.empty()))
                        .create(ProvisioningScripts.asRoot(user, ProvisioningScripts.waitForCloudInit()))
                        .triggers(onEveryNewHost)
                        .build(), CustomResourceOptions.builder().parent(this).dependsOn(host.reachable()).build());

        // The key the first step learnt on a VM talk-hpb created; an existing server's, from the stack.
        ConnectionArgs pinned = connection(deployment, host, Optional.of(deployment.machine().existingServer()
                .map(server -> Output.of(server.sshHostKey()))
                .orElseGet(() -> firstStep.stdout().applyValue(ProvisioningScripts::hostKeyFrom))));
        String configureScript = ProvisioningScripts.asRoot(user, scripts.configure());
        Command configure = new Command("configure", CommandArgs.builder()
                .connection(pinned)
                .create(configureScript)
                .update(configureScript)
                .stdin(installDocument)
                .triggers(onEveryNewHost)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(afterFirstStep(firstStep, host)).build());

        String healthScript = ProvisioningScripts.asRoot(user, scripts.healthCheck());
        healthCheck = new Command("health-check", CommandArgs.builder()
                .connection(pinned)
                .create(healthScript)
                .update(healthScript)
                .stdin(healthCheckInput)
                .triggers(onEveryNewHost)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(afterConfigure(configure, healthCheckAfter)).build());

        registerOutputs(Map.of("health", healthCheck.stdout()));
    }

    static ConnectionArgs connection(Deployment deployment, Host host, Optional<Output<String>> hostKey) {
        ConnectionArgs.Builder connection = ConnectionArgs.builder()
                .host(host.publicIpv4())
                .user(host.sshUser())
                .privateKey(host.deployPrivateKey())
                .dialErrorLimit(DIAL_ERROR_LIMIT)
                .perDialTimeout(PER_DIAL_TIMEOUT_SECONDS);
        hostKey.ifPresent(connection::hostKey);
        int port = deployment.machine().sshPort();
        if (port != WellKnownPorts.SSH) {
            // Set only when not the default: a new input would update every step of every existing stack.
            connection.port((double) port);
        }
        return connection.build();
    }

    /** The last step: once it has run, the HPB works. */
    public Resource healthy() {
        return healthCheck;
    }

    /**
     * The health check's JSON line: {"version": …, "features": […]}. Not secret, though the step's
     * inputs are: it holds only what the public welcome endpoint announces.
     */
    public Output<String> healthReport() {
        return healthCheck.stdout().asPlaintext();
    }

    /**
     * An existing server's first step: what user-data does elsewhere, once, then in place whenever its
     * text changes. Its delete is what pulumi destroy does to the server, so it is protected like a VM
     * talk-hpb creates: destroying it takes the HPB away.
     */
    private Command prepareExistingServer(Deployment deployment, Host host, Output<List<Object>> onEveryNewHost) {
        ExistingServerScripts scripts = new ExistingServerScripts(deployment);
        String prepare = ProvisioningScripts.asRoot(host.sshUser(), scripts.prepare());
        return new Command("prepare-host", CommandArgs.builder()
                .connection(connection(deployment, host, Optional.of(Output.of(deployment.machine().existingServer().orElseThrow().sshHostKey()))))
                .create(prepare)
                .update(prepare)
                .delete(ProvisioningScripts.asRoot(host.sshUser(), scripts.remove()))
                .triggers(onEveryNewHost)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(host.reachable())
                .protect(deployment.machine().protect()).build());
    }

    private static List<Resource> afterConfigure(Command configure, List<Resource> more) {
        List<Resource> before = new java.util.ArrayList<>(List.of(configure));
        before.addAll(more);
        return before;
    }

    private static List<Resource> afterFirstStep(Command firstStep, Host host) {
        List<Resource> before = new java.util.ArrayList<>(List.of(firstStep));
        before.addAll(host.dnsRecords());
        return before;
    }
}
