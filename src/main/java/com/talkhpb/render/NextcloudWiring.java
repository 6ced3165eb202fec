package com.talkhpb.render;

import com.talkhpb.model.Backend;
import com.talkhpb.model.Deployment;
import com.talkhpb.model.TalkTurnServer;
import com.talkhpb.settings.TlsMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The occ commands that make each Nextcloud use this HPB, per Nextcloud base URL, for admins who run
 * them by hand. Self-signed test stacks are added without --verify (certificate verification).
 */
public final class NextcloudWiring {
    private NextcloudWiring() {
    }

    /** Talk checks the HPB's certificate, except on self-signed test stacks where it cannot. */
    public static String verifyOption(Deployment d) {
        return d.tls().mode() == TlsMode.SELF_SIGNED ? "" : "--verify ";
    }

    public static Map<String, List<String>> occCommands(Deployment d, SecretValues secrets) {
        Map<String, List<String>> commands = new LinkedHashMap<>();
        for (Backend backend : d.backends()) {
            List<String> forBackend = new ArrayList<>();
            forBackend.add("occ talk:signaling:add " + verifyOption(d) + Shell.quote(d.endpoints().signalingUrl()) + " "
                    + Shell.quote(secrets.valueOf(backend.secret())));
            for (TalkTurnServer turn : d.endpoints().talkTurnServers()) {
                forBackend.add("occ talk:turn:add --secret " + Shell.quote(secrets.valueOf(Deployment.TURN_SECRET)) + " "
                        + Shell.words(turn.schemes(), turn.server(), turn.protocols()));
            }
            forBackend.add("occ talk:stun:add " + Shell.quote(d.endpoints().stunServer()));
            commands.put(backend.url().toString(), List.copyOf(forBackend));
        }
        return commands;
    }
}
