package com.talkhpb.provision;

import com.talkhpb.model.Deployment;
import com.talkhpb.render.NextcloudWiring;
import com.talkhpb.settings.NextcloudAccess;
import java.util.List;

/**
 * The scripts that make one Nextcloud's Talk use this HPB, run on the Nextcloud server over SSH.
 * Talk's occ commands are not idempotent ({@code talk:signaling:add} appends duplicates,
 * {@code talk:turn:add} rejects them), so {@link #apply()} first removes every entry that points at
 * this HPB, then adds the current ones; running it twice leaves one entry each. {@link #remove()}
 * deletes exactly those entries. The secrets arrive on standard input, one per line (shared secret,
 * then TURN secret), never in the script text.
 */
public final class TalkSettingsScripts {
    private final Deployment deployment;
    private final NextcloudAccess access;

    public TalkSettingsScripts(Deployment deployment, NextcloudAccess access) {
        this.deployment = deployment;
        this.access = access;
    }

    public String apply() {
        String signalingUrl = deployment.endpoints().signalingUrl();
        String verify = NextcloudWiring.verifyOption(deployment);
        return preamble()
                + "IFS= read -r shared_secret || true\n"
                + "IFS= read -r turn_secret || true\n"
                + "if [ -z \"$shared_secret\" ] || [ -z \"$turn_secret\" ]; then\n"
                + "  echo 'talk-hpb: expected the shared secret and the TURN secret on standard input' >&2; exit 1\n"
                + "fi\n"
                + "echo 'talk-hpb: checking that occ and Talk answer'\n"
                + "occ talk:signaling:list --output=json >/dev/null\n"
                + "occ talk:turn:list --output=json >/dev/null\n"
                + "occ talk:stun:list --output=json >/dev/null\n"
                + removals()
                + "occ talk:signaling:add " + verify + "'" + signalingUrl + "' \"$shared_secret\"\n"
                + "echo 'talk-hpb: signaling server " + signalingUrl + " set'\n"
                + "occ talk:turn:add --secret \"$turn_secret\" " + NextcloudWiring.TURN_SCHEMES + " '" + turnServer() + "' "
                + NextcloudWiring.TURN_PROTOCOLS + "\n"
                + "echo 'talk-hpb: TURN server " + turnServer() + " (" + NextcloudWiring.TURN_PROTOCOLS + ") set'\n"
                + "occ talk:stun:add '" + deployment.endpoints().stunServer() + "'\n"
                + "echo 'talk-hpb: STUN server " + deployment.endpoints().stunServer() + " set'\n";
    }

    public String remove() {
        return preamble() + removals() + "echo 'talk-hpb: this HPB is no longer configured in Talk'\n";
    }

    private String preamble() {
        return "set -euo pipefail\n"
                + "occ() { " + access.occ() + " \"$@\"; }\n"
                // A missing entry makes occ's delete fail; that is the state wanted, so only other errors count.
                + "forget() { occ \"$@\" >/dev/null 2>&1 || true; }\n";
    }

    /** Every form of this HPB's entries an admin or an earlier version may have added. */
    private String removals() {
        String url = deployment.endpoints().signalingUrl();
        StringBuilder script = new StringBuilder();
        for (String form : List.of(url, url.substring(0, url.length() - 1))) {
            script.append("forget talk:signaling:delete '").append(form).append("'\n");
        }
        for (String protocols : List.of(NextcloudWiring.TURN_PROTOCOLS, "udp", "tcp")) {
            script.append("forget talk:turn:delete ").append(NextcloudWiring.TURN_SCHEMES).append(" '").append(turnServer()).append("' ").append(protocols).append('\n');
        }
        script.append("forget talk:stun:delete '").append(deployment.endpoints().stunServer()).append("'\n");
        return script.toString();
    }

    private String turnServer() {
        return deployment.endpoints().turnServer();
    }
}
