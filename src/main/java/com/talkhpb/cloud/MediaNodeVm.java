package com.talkhpb.cloud;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import java.util.List;

/**
 * What every cloud's media node has in common as a {@link Host}: it is reached with the HPB's deploy key
 * as the HPB's login user, and has no DNS records and no media nodes of its own.
 */
public abstract class MediaNodeVm extends ComponentResource implements Host {
    private final Host hpb;

    protected MediaNodeVm(String type, String name, Host hpb, ComponentResourceOptions options) {
        super(type, name, options);
        this.hpb = hpb;
    }

    @Override
    public String sshUser() {
        return hpb.sshUser();
    }

    /** The HPB's deploy key: one key for the stack's machines. */
    @Override
    public Output<String> deployPrivateKey() {
        return hpb.deployPrivateKey();
    }

    @Override
    public List<Resource> dnsRecords() {
        return List.of();
    }

    @Override
    public List<Host> mediaNodes() {
        return List.of();
    }
}
