package com.talkhpb.cloud.aws;

import com.pulumi.aws.ec2.Ec2Functions;
import com.pulumi.aws.ec2.Instance;
import com.pulumi.aws.ec2.inputs.GetAmiArgs;
import com.pulumi.aws.ec2.inputs.GetAmiFilterArgs;
import com.pulumi.aws.ec2.outputs.GetAmiResult;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.talkhpb.settings.Cloud;
import com.talkhpb.settings.ConfigKey;
import com.talkhpb.settings.Placement;
import java.util.Map;

/**
 * The AMI an instance runs. {@code debian-12} is the newest official Debian 12 AMI for the instance
 * type's architecture when the instance is created, kept afterwards ({@code ignoreChanges}: a newer
 * Debian release must not replace the server; a replacement for another reason gets the newest). An
 * explicit {@code ami-…} is exactly that image: another one replaces the instance.
 *
 * <p>An instance cannot change architecture in place (x86_64 to Graviton or back): the AMI it runs,
 * or will run, must fit its type, or the run stops at the preview with the fix.
 */
public final class InstanceImage {
    private final Placement placement;
    private final ConfigKey typeKey;
    private final InvokeOptions lookup;

    /**
     * @param typeKey the setting that chose the instance type (serverType, or mediaNodeServerType for nodes)
     */
    InstanceImage(Placement placement, ConfigKey typeKey, InvokeOptions lookup) {
        this.placement = placement;
        this.typeKey = typeKey;
        this.lookup = lookup;
    }

    boolean isNewestDebian() {
        return placement.image().equals(Cloud.AWS.defaultImage());
    }

    /** The AMI to create the instance from. */
    Output<String> ami() {
        if (!isNewestDebian()) {
            return Output.of(placement.image());
        }
        DebianAmi debian = DebianAmi.forInstanceType(placement.serverType());
        return Ec2Functions.getAmi(GetAmiArgs.builder()
                .owners(DebianAmi.OWNER)
                .mostRecent(true)
                .filters(debian.filters().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(f -> GetAmiFilterArgs.builder().name(f.getKey()).values(f.getValue()).build())
                        .toList())
                .build(), lookup).applyValue(GetAmiResult::id);
    }

    /** The options that keep a looked-up Debian AMI once the instance exists; none for an explicit one. */
    CustomResourceOptions options() {
        return isNewestDebian()
                ? CustomResourceOptions.builder().ignoreChanges("ami").build()
                : CustomResourceOptions.builder().build();
    }

    /**
     * The AMI {@code instance} runs (or will run, in a preview), once its architecture is known to be
     * the instance type's; otherwise fails the run, naming the settings and the fix.
     */
    Output<String> fitting(Instance instance) {
        String wanted = DebianAmi.forInstanceType(placement.serverType()).architecture();
        return instance.ami().apply(ami -> Ec2Functions.getAmi(GetAmiArgs.builder()
                .filters(GetAmiFilterArgs.builder().name("image-id").values(ami).build())
                .build(), lookup).applyValue(found -> {
                    if (!found.architecture().equals(wanted)) {
                        throw new IllegalStateException(mismatch(ami, found.architecture(), wanted));
                    }
                    return ami;
                }));
    }

    String mismatch(String ami, String has, String wanted) {
        String type = typeKey.qualified() + " " + placement.serverType();
        if (isNewestDebian()) {
            return type + " runs " + wanted + ", but the server runs " + ami + " (" + has + "), the Debian 12 AMI it was created from:"
                    + " an instance cannot change architecture in place. Keep an " + has + " instance type, or move to "
                    + wanted + " on purpose: set " + ConfigKey.IMAGE.qualified() + " to an " + wanted
                    + " Debian 12 AMI together with the new type (the server is replaced; see README, What a change does).";
        }
        return ConfigKey.IMAGE.qualified() + " " + ami + " is an " + has + " image, but " + type + " runs " + wanted
                + ". Set " + ConfigKey.IMAGE.qualified() + " to an " + wanted + " Debian 12 AMI, or choose an " + has + " instance type.";
    }
}
