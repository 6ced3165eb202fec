package com.talkhpb.render;

import com.talkhpb.model.PackageSet;
import java.util.List;

/**
 * What makes a fresh Debian 12 host ready for provisioning: apt sources and pins, daemons held stopped
 * while their packages install, kernel settings, then a few commands. A VM talk-hpb creates gets it
 * as cloud-init's user-data ({@link CloudConfig}); an existing server gets it from the prepare-host
 * step. One list, so the two cannot drift. It holds no secret and no daemon configuration.
 */
public final class HostPreparation {
    /** Written by the last command; provisioning goes on only once it exists. */
    public static final String PACKAGES_READY_MARKER = "/var/lib/talk-hpb/packages-installed";
    static final String SID_SOURCE = "deb http://deb.debian.org/debian sid main";
    /** Makes invoke-rc.d refuse to start daemons while their packages install (see policy-rc.d in Debian policy). */
    public static final String POLICY_RC_D = "/usr/sbin/policy-rc.d";

    /** A file written before the packages install, or after them ({@code afterPackages}). */
    public record PreparedFile(String path, String permissions, String content, boolean afterPackages) {
    }

    private HostPreparation() {
    }

    public static List<PreparedFile> files(PackageSet packages) {
        return List.of(
                new PreparedFile("/etc/apt/sources.list.d/talk-hpb-sid.list", "0644", SID_SOURCE + "\n", false),
                new PreparedFile("/etc/apt/preferences.d/talk-hpb", "0644", aptPreferences(packages), false),
                new PreparedFile(POLICY_RC_D, "0755",
                        "#!/bin/sh\n# talk-hpb: daemons stay stopped until provisioning installs their configuration.\nexit 101\n", false),
                new PreparedFile("/etc/sysctl.d/60-talk-hpb.conf", "0644", sysctl(), false),
                // After the packages: switched on only once the install's apt runs are done, so apt-daily cannot take the lock first.
                new PreparedFile("/etc/apt/apt.conf.d/20auto-upgrades", "0644",
                        "APT::Periodic::Update-Package-Lists \"1\";\nAPT::Periodic::Unattended-Upgrade \"1\";\n", true));
    }

    /** Run once the packages are installed, in this order; the last one writes {@link #PACKAGES_READY_MARKER}. */
    public static List<String> commandsAfterPackages() {
        return List.of(
                "rm -f " + POLICY_RC_D,
                "sysctl --system",
                "systemctl enable --now chrony",
                "mkdir -p /var/lib/talk-hpb/acme /etc/talk-hpb/tls",
                "touch " + PACKAGES_READY_MARKER);
    }

    static String aptPreferences(PackageSet packages) {
        return "# talk-hpb: Debian 12 for everything, sid only for the signaling server (Talk needs 2.0+).\n"
                + "Package: *\nPin: release n=" + PackageSet.SIGNALING_SUITE + "\nPin-Priority: 100\n\n"
                + "Package: " + String.join(" ", packages.signalingPackages()) + "\n"
                + "Pin: release n=" + PackageSet.SIGNALING_SUITE + "\nPin-Priority: 990\n";
    }

    /** Larger UDP socket buffers for media bursts; a deeper accept queue for reconnect storms. */
    static String sysctl() {
        return "net.core.rmem_max = 16777216\n"
                + "net.core.wmem_max = 16777216\n"
                + "net.core.rmem_default = 1048576\n"
                + "net.core.wmem_default = 1048576\n"
                + "net.core.somaxconn = 4096\n"
                + "net.ipv4.tcp_max_syn_backlog = 4096\n";
    }
}
