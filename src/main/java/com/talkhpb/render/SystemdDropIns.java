package com.talkhpb.render;

import com.talkhpb.model.Deployment;
import java.util.List;

/**
 * systemd drop-ins for the Debian units: start order (Debian's signaling unit has no After= on NATS
 * and Janus), open-file limits for many sessions, and Janus as its own user in a sandbox (Debian's
 * unit runs it as root with no restriction). No unit's start depends on another being up.
 */
public final class SystemdDropIns {
    public static final int SIGNALING_OPEN_FILES = 65536;

    private SystemdDropIns() {
    }

    public static List<ConfigFile> all() {
        return List.of(SystemdDropIns::signaling, SystemdDropIns::janus, SystemdDropIns::nginx, SystemdDropIns::coturn,
                SystemdDropIns::nats);
    }

    static BundleFile signaling(RenderContext ctx) {
        Deployment d = ctx.deployment();
        String content = header(d)
                + "[Unit]\nWants=nats-server.service janus.service\nAfter=nats-server.service janus.service\n\n"
                + "[Service]\nLimitNOFILE=" + SIGNALING_OPEN_FILES + "\n";
        return ctx.file(d.paths().signalingUnitDropIn(), content, "0644", "root", "root", SignalingServerConf.SERVICE,
                BundleFile.Action.RESTART, false);
    }

    static BundleFile janus(RenderContext ctx) {
        Deployment d = ctx.deployment();
        String content = header(d)
                + "# Janus binds only unprivileged ports (its loopback WebSocket and the RTP range), reads /etc/janus\n"
                + "# (nothing secret in it), and writes nothing but its log to stdout.\n"
                + "[Service]\nUser=" + JanusConf.USER + "\nGroup=" + JanusConf.USER + "\n"
                + String.join("\n", SANDBOX) + "\n"
                // libnice enumerates the interfaces over netlink; the WebSocket transport and RTP use IP.
                + "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK\n";
        return ctx.file(d.paths().janusUnitDropIn(), content, "0644", "root", "root", JanusConf.SERVICE,
                BundleFile.Action.RESTART, false);
    }

    /** coturn already runs as turnserver (Debian's unit); the sandbox takes away what it never uses. */
    static BundleFile coturn(RenderContext ctx) {
        // Debian's coturn opens its (unused) user database there at start.
        return sandboxed(ctx, ctx.deployment().paths().coturnUnitDropIn(), TurnserverConf.SERVICE,
                "AF_UNIX AF_INET AF_INET6 AF_NETLINK", "ReadWritePaths=-/var/lib/turn\n");
    }

    /** NATS already runs as nats (Debian's unit); it keeps no state on disk (no JetStream). */
    static BundleFile nats(RenderContext ctx) {
        return sandboxed(ctx, ctx.deployment().paths().natsUnitDropIn(), NatsServerConf.SERVICE, "AF_UNIX AF_INET AF_INET6", "");
    }

    private static BundleFile sandboxed(RenderContext ctx, String path, String service, String addressFamilies, String extra) {
        String content = header(ctx.deployment()) + "[Service]\n" + String.join("\n", SANDBOX) + "\n"
                + "RestrictAddressFamilies=" + addressFamilies + "\n" + extra;
        return ctx.file(path, content, "0644", "root", "root", service, BundleFile.Action.RESTART, false);
    }

    /**
     * nginx's master stays root (it binds 80 and 443, reads the root-only key and starts www-data
     * workers), but keeps only the capabilities for that and sees the system read-only.
     */
    static BundleFile nginx(RenderContext ctx) {
        Deployment d = ctx.deployment();
        String content = header(d) + "[Service]\nLimitNOFILE=" + NginxConf.OPEN_FILES_LIMIT + "\n"
                + "CapabilityBoundingSet=CAP_NET_BIND_SERVICE CAP_SETUID CAP_SETGID CAP_CHOWN CAP_DAC_OVERRIDE CAP_KILL\n"
                + String.join("\n", List.of("NoNewPrivileges=yes", "ProtectSystem=full", "ProtectHome=yes", "PrivateTmp=yes",
                        "PrivateDevices=yes", "ProtectKernelTunables=yes", "ProtectKernelModules=yes", "ProtectKernelLogs=yes",
                        "ProtectControlGroups=yes", "ProtectClock=yes", "ProtectHostname=yes", "RestrictNamespaces=yes",
                        "RestrictRealtime=yes", "RestrictSUIDSGID=yes", "LockPersonality=yes", "MemoryDenyWriteExecute=yes",
                        "SystemCallArchitectures=native", "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6")) + "\n";
        return ctx.file(d.paths().nginxUnitDropIn(), content, "0644", "root", "root", NginxConf.SERVICE,
                BundleFile.Action.RESTART, false);
    }

    /** Restrictions for a daemon that needs no privilege at all once started. */
    static final List<String> SANDBOX = List.of(
            "NoNewPrivileges=yes",
            "CapabilityBoundingSet=",
            "AmbientCapabilities=",
            "ProtectSystem=strict",
            "ProtectHome=yes",
            "PrivateTmp=yes",
            "PrivateDevices=yes",
            "ProtectKernelTunables=yes",
            "ProtectKernelModules=yes",
            "ProtectKernelLogs=yes",
            "ProtectControlGroups=yes",
            "ProtectClock=yes",
            "ProtectHostname=yes",
            "ProtectProc=invisible",
            "RestrictNamespaces=yes",
            "RestrictRealtime=yes",
            "RestrictSUIDSGID=yes",
            "LockPersonality=yes",
            "MemoryDenyWriteExecute=yes",
            "RemoveIPC=yes",
            "UMask=0077",
            "SystemCallArchitectures=native",
            "SystemCallFilter=@system-service",
            "SystemCallFilter=~@privileged",
            // A filtered call fails with EPERM rather than killing the daemon: coturn calls setgroups()
            // to drop groups it does not have, and carries on when refused.
            "SystemCallErrorNumber=EPERM");

    private static String header(Deployment d) {
        return "# Generated by talk-hpb for " + d.domain() + ".\n";
    }
}
