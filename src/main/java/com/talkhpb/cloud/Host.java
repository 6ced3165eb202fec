package com.talkhpb.cloud;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import java.util.List;
import java.util.Optional;

/** What provisioning and the outputs need of the VM, whichever cloud runs it. */
public interface Host {
    Output<String> publicIpv4();

    /** The IPv4 address on the host's interface: the public one, or the private one behind 1:1 NAT. */
    Output<String> interfaceIpv4();

    Optional<Output<String>> publicIpv6();

    /** The user the deploy key logs in as; provisioning uses sudo when it is not root. */
    String sshUser();

    /** The deploy key's private half (secret), for the provisioning commands. */
    Output<String> deployPrivateKey();

    /**
     * The id of the machine itself (server or instance): it changes exactly when the machine is
     * replaced, while its addresses stay. Every provisioning step is replaced when it changes.
     */
    Output<String> instanceId();

    /** The resource after which the host answers SSH on {@link #publicIpv4()}. */
    Resource reachable();

    /**
     * The DNS records talk-hpb manages for the host's names (with dnsZone; else none): the step that
     * gets the certificate waits for them, since Let's Encrypt resolves every name.
     */
    List<Resource> dnsRecords();

    /** The host's address on the private network it shares with its media nodes; empty without media nodes. */
    Optional<Output<String>> privateIpv4();

    /**
     * The image the machine runs, where talk-hpb chooses one and must check that it fits the machine
     * (AWS: an AMI of the instance type's architecture; the run fails naming the fix when not).
     */
    default Optional<Output<String>> image() {
        return Optional.empty();
    }

    /** The media nodes' VMs, in node order; none without media nodes (and none on a node itself). */
    List<Host> mediaNodes();
}
