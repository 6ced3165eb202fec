package com.talkhpb.render;

import com.talkhpb.model.Backend;
import com.talkhpb.model.Deployment;
import com.talkhpb.settings.TlsMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The occ commands that make each Nextcloud use this HPB, per Nextcloud base URL, for admins who run
 * them by hand. Self-signed test stacks are added without --verify (certificate verification).
 */
public final class NextcloudWiring {
    /** How this HPB's TURN server is entered in Talk: plain turn:, over UDP and TCP. */
    public static final String TURN_SCHEMES = "turn";
    public static final String TURN_PROTOCOLS = "udp,tcp";

    private NextcloudWiring() {
    }

    /** Talk checks the HPB's certificate, except on self-signed test stacks where it cannot. */
    public static String verifyOption(Deployment d) {
        return d.tls().mode() == TlsMode.SELF_SIGNED ? "" : "--verify ";
    }

    public static Map<String, List<String>> occCommands(Deployment d, SecretValues secrets) {
        Map<String, List<String>> commands = new LinkedHashMap<>();
        String turnHost = d.endpoints().turnServer();
        for (Backend backend : d.backends()) {
            commands.put(backend.url().toString(), List.of(
                    "occ talk:signaling:add " + verifyOption(d) + Shell.quote(d.endpoints().signalingUrl()) + " "
                            + Shell.quote(secrets.valueOf(backend.secret())),
                    "occ talk:turn:add --secret " + Shell.quote(secrets.valueOf(Deployment.TURN_SECRET)) + " " + TURN_SCHEMES + " "
                            + Shell.quote(turnHost) + " " + TURN_PROTOCOLS,
                    "occ talk:stun:add " + Shell.quote(d.endpoints().stunServer())));
        }
        return commands;
    }
}
