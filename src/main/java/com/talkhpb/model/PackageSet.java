package com.talkhpb.model;

import java.util.List;
import java.util.Optional;

/**
 * Debian packages of the HPB. Only the signaling packages come from sid (Debian 12 has no 2.x);
 * everything else comes from Debian 12 and its security updates.
 *
 * @param fromDebian12        installed from bookworm
 * @param signalingPackages   the packages pinned to sid
 * @param signalingVersion    an exact version to install, or the newest in sid
 */
public record PackageSet(List<String> fromDebian12, List<String> signalingPackages, Optional<String> signalingVersion) {
    public static final String SIGNALING = "nextcloud-spreed-signaling";
    public static final String SIGNALING_SUITE = "sid";

    public PackageSet {
        fromDebian12 = List.copyOf(fromDebian12);
        signalingPackages = List.copyOf(signalingPackages);
    }

    /** The package names as cloud-init's packages list takes them (version-pinned when asked). */
    public List<String> installList() {
        String signaling = signalingVersion.map(v -> SIGNALING + "=" + v).orElse(SIGNALING);
        return java.util.stream.Stream.concat(fromDebian12.stream(), java.util.stream.Stream.of(signaling)).toList();
    }
}
