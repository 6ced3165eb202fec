package com.talkhpb.settings;

import java.util.Optional;

/**
 * A Debian 12 server the admin already has (cloud existing): where it is, how talk-hpb logs in, and
 * whether a destroy purges the packages talk-hpb installed there.
 *
 * @param publicIpv4    where talk-hpb logs in and clients connect
 * @param interfaceIpv4 the address on its interface: the public one, or a private one the provider maps to it 1:1
 * @param sshPort       where its sshd listens
 * @param sshPrivateKey logs in as {@code sshUser} (a secret)
 * @param sshHostKey    the key its sshd presents ("type base64"): every step requires it, so no step runs on another machine
 */
public record ExistingServer(String publicIpv4, Optional<String> publicIpv6, String interfaceIpv4, String sshUser,
        int sshPort, SecretInput sshPrivateKey, String sshHostKey, boolean purgePackagesOnDestroy) {

    /** The provider maps the public address to another one on the interface (as AWS does with Elastic IPs). */
    public boolean behindOneToOneNat() {
        return !interfaceIpv4.equals(publicIpv4);
    }
}
