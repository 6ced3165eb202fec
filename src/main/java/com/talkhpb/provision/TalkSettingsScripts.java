package com.talkhpb.provision;

import com.talkhpb.model.Deployment;
import com.talkhpb.model.TalkTurnServer;
import com.talkhpb.render.NextcloudWiring;
import com.talkhpb.render.Shell;
import com.talkhpb.settings.NextcloudAccess;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The scripts that make one Nextcloud's Talk use this HPB, run on the Nextcloud server over SSH.
 * Talk's occ commands are not idempotent ({@code talk:signaling:add} appends duplicates,
 * {@code talk:turn:add} rejects them), so {@link #apply()} first removes every entry that points at
 * this HPB, then adds the current ones; running it twice leaves one entry each. {@link #remove()}
 * deletes exactly those entries. Talk's delete commands succeed when there is nothing to delete, so
 * any failure of occ (maintenance mode, a wrong path) fails the step: destroy never reports success
 * while Talk still points at this HPB. The secrets arrive on standard input, one per line (shared
 * secret, then TURN secret), never in the script text; every other value passes through
 * {@link Shell#quote}.
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
                + "occ talk:signaling:add " + verify + Shell.quote(signalingUrl) + " \"$shared_secret\"\n"
                + say("signaling server " + signalingUrl + " set")
                + turnAdditions()
                + "occ talk:stun:add " + Shell.quote(deployment.endpoints().stunServer()) + "\n"
                + say("STUN server " + deployment.endpoints().stunServer() + " set");
    }

    public String remove() {
        return preamble() + removals() + say("this HPB is no longer configured in Talk");
    }

    private String preamble() {
        // The occ command is a list of words (e.g. sudo -u www-data php …/occ), each quoted: never shell text.
        return "set -euo pipefail\n"
                + "occ() { " + Shell.words(List.of(access.occ().trim().split("\\s+"))) + " \"$@\"; }\n";
    }

    /** Every form of this HPB's entries an admin or an earlier version may have added. */
    private String removals() {
        String url = deployment.endpoints().signalingUrl();
        StringBuilder script = new StringBuilder();
        for (String form : List.of(url, url.substring(0, url.length() - 1))) {
            script.append("occ talk:signaling:delete ").append(Shell.quote(form)).append(" >/dev/null\n");
        }
        for (TalkTurnServer turn : deployment.endpoints().talkTurnServers()) {
            for (String protocols : new LinkedHashSet<>(List.of(turn.protocols(), "udp", "tcp"))) {
                script.append("occ talk:turn:delete ").append(Shell.words(turn.schemes(), turn.server(), protocols))
                        .append(" >/dev/null\n");
            }
        }
        script.append("occ talk:stun:delete ").append(Shell.quote(deployment.endpoints().stunServer())).append(" >/dev/null\n");
        return script.toString();
    }

    private static String say(String what) {
        return "echo " + Shell.quote("talk-hpb: " + what) + "\n";
    }

    private String turnAdditions() {
        StringBuilder script = new StringBuilder();
        for (TalkTurnServer turn : deployment.endpoints().talkTurnServers()) {
            script.append("occ talk:turn:add --secret \"$turn_secret\" ")
                    .append(Shell.words(turn.schemes(), turn.server(), turn.protocols())).append('\n')
                    .append(say("TURN server " + turn.schemes() + ":" + turn.server() + " (" + turn.protocols() + ") set"));
        }
        return script.toString();
    }
}
