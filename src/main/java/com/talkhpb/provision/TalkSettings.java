package com.talkhpb.provision;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import com.talkhpb.bindings.command.remote.Command;
import com.talkhpb.bindings.command.remote.CommandArgs;
import com.talkhpb.bindings.command.remote.ConnectionArgs;
import com.talkhpb.model.Backend;
import com.talkhpb.model.Deployment;
import com.talkhpb.model.SecretRef;
import com.talkhpb.settings.NextcloudAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Configures Talk on every Nextcloud given with ssh, once the HPB is healthy. A change of the HPB's
 * addresses replaces the step: the old one first removes its entries (delete before replace), then
 * the new one adds the current ones; a rotated secret re-runs it in place. {@code pulumi destroy}
 * removes exactly this HPB's entries.
 */
public final class TalkSettings extends ComponentResource {
    public static final String TYPE = "talk-hpb:provision:TalkSettings";
    /** The Nextcloud server is already up, unlike a new HPB: a few dial attempts are enough. */
    static final int DIAL_ERROR_LIMIT = 10;

    private final List<Output<String>> configured = new ArrayList<>();

    /**
     * @param secretOf the secret value (a Pulumi secret) of a secret of the model
     * @param sshKey   the private key that logs in to the Nextcloud servers (a Pulumi secret)
     */
    public TalkSettings(String name, Deployment deployment, Function<SecretRef, Output<String>> secretOf,
            Output<String> sshKey, Resource healthy, ComponentResourceOptions options) {
        super(TYPE, name, options);
        for (Backend backend : deployment.backends()) {
            NextcloudAccess access = backend.access().orElse(null);
            if (access == null) {
                continue;
            }
            TalkSettingsScripts scripts = new TalkSettingsScripts(deployment, access);
            Output<String> secrets = Output.tuple(secretOf.apply(backend.secret()), secretOf.apply(Deployment.TURN_SECRET))
                    .applyValue(t -> t.t1 + "\n" + t.t2 + "\n").asSecret();
            Command command = new Command("talk-settings-" + backend.id(), CommandArgs.builder()
                    .connection(ConnectionArgs.builder()
                            .host(access.host())
                            .port((double) access.port())
                            .user(access.user())
                            .privateKey(sshKey)
                            // Nothing secret travels before the server proved it holds this key.
                            .hostKey(access.hostKey())
                            .dialErrorLimit(DIAL_ERROR_LIMIT)
                            .perDialTimeout(Provisioning.PER_DIAL_TIMEOUT_SECONDS)
                            .build())
                    .create(scripts.apply())
                    .update(scripts.apply())
                    .delete(scripts.remove())
                    .stdin(secrets)
                    .triggers(List.of(scripts.apply(), scripts.remove()))
                    .build(), CustomResourceOptions.builder().parent(this).dependsOn(healthy).deleteBeforeReplace(true).build());
            String url = backend.url().toString();
            // Not secret, though the step's inputs are: it is the Nextcloud URL, once the step has run.
            configured.add(command.stdout().applyValue(out -> url).asPlaintext());
        }
        registerOutputs(Map.of());
    }

    /** The Nextcloud base URLs whose Talk now uses this HPB. */
    public Output<List<String>> configured() {
        return Output.all(configured);
    }
}
