package com.talkhpb.cloud;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import java.util.Optional;

/** What provisioning and the outputs need of the VM, whichever cloud runs it. */
public interface Host {
    Output<String> publicIpv4();

    Optional<Output<String>> publicIpv6();

    /** The user the deploy key logs in as. */
    String sshUser();

    /** The deploy key's private half (secret), for the provisioning commands. */
    Output<String> deployPrivateKey();

    /** The resource provisioning must wait for. */
    Resource server();
}
