package com.talkhpb.bindings.tls;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.talkhpb.bindings.Plugins;
import java.util.List;
import javax.annotation.Nullable;

/** A private key kept in state (pulumi-tls). */
@ResourceType(type = PrivateKey.TYPE)
public class PrivateKey extends CustomResource {
    public static final String TYPE = "tls:index/privateKey:PrivateKey";
    /** Outputs the official SDK marks secret (additionalSecretOutputs). */
    public static final List<String> SECRET_OUTPUTS = List.of("privateKeyOpenssh", "privateKeyPem", "privateKeyPemPkcs8");

    @Export(name = "algorithm", refs = {String.class}, tree = "[0]")
    private Output<String> algorithm;

    public Output<String> algorithm() {
        return this.algorithm;
    }

    @Export(name = "privateKeyOpenssh", refs = {String.class}, tree = "[0]")
    private Output<String> privateKeyOpenssh;

    public Output<String> privateKeyOpenssh() {
        return this.privateKeyOpenssh;
    }

    @Export(name = "publicKeyOpenssh", refs = {String.class}, tree = "[0]")
    private Output<String> publicKeyOpenssh;

    public Output<String> publicKeyOpenssh() {
        return this.publicKeyOpenssh;
    }

    @Export(name = "privateKeyPem", refs = {String.class}, tree = "[0]")
    private Output<String> privateKeyPem;

    /** PEM (PKCS#1 for RSA); secret, as in the official SDK. */
    public Output<String> privateKeyPem() {
        return this.privateKeyPem;
    }

    @Export(name = "publicKeyPem", refs = {String.class}, tree = "[0]")
    private Output<String> publicKeyPem;

    public Output<String> publicKeyPem() {
        return this.publicKeyPem;
    }

    @Export(name = "publicKeyFingerprintSha256", refs = {String.class}, tree = "[0]")
    private Output<String> publicKeyFingerprintSha256;

    public Output<String> publicKeyFingerprintSha256() {
        return this.publicKeyFingerprintSha256;
    }

    public PrivateKey(String name, PrivateKeyArgs args) {
        this(name, args, null);
    }

    public PrivateKey(String name, PrivateKeyArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugins.TLS.options(options, SECRET_OUTPUTS), false);
    }
}
