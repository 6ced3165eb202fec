package com.talkhpb.model;

import java.util.List;
import java.util.Optional;

/**
 * Debian packages of the HPB. Only the signaling packages come from sid (Debian 12 has no 2.x);
 * everything else comes from Debian 12 and its security updates. User-data installs the package names
 * only; the signaling version is applied, and held, by provisioning, so an upgrade happens in place.
 *
 * @param fromDebian12        installed from bookworm
 * @param signalingPackages   the packages pinned to sid
 * @param signalingVersion    an exact version to hold, or the one installed at first boot (the newest in sid then)
 * @param addedByProvisioning from bookworm too, but installed by the configure step when missing: packages
 *                            added after servers were first deployed, since a change of user-data replaces
 *                            the server
 * @param signalingDaemon     the one signaling package the host runs: the server (HPB) or the proxy (media node)
 */
public record PackageSet(List<String> fromDebian12, List<String> signalingPackages, Optional<String> signalingVersion,
        List<String> addedByProvisioning, String signalingDaemon) {
    public static final String SIGNALING = "nextcloud-spreed-signaling";
    public static final String SIGNALING_SUITE = "sid";
    public static final String PROXY = SIGNALING + "-proxy";

    public PackageSet {
        fromDebian12 = List.copyOf(fromDebian12);
        signalingPackages = List.copyOf(signalingPackages);
        addedByProvisioning = List.copyOf(addedByProvisioning);
    }

    /** The package names as cloud-init's packages list takes them: no version, so a version change never touches user-data. */
    public List<String> installList() {
        return java.util.stream.Stream.concat(fromDebian12.stream(), java.util.stream.Stream.of(signalingDaemon)).toList();
    }

    /** The packages held at the signaling version: the server and the files it depends on at exactly that version. */
    public List<String> heldPackages() {
        return List.of(signalingDaemon, SIGNALING + "-common");
    }
}
