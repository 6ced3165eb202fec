package com.talkhpb.render;

import com.talkhpb.model.Deployment;
import java.util.List;

/** For tlsMode provided: the certificate chain and key from the stack config, where nginx reads them. */
public final class ProvidedCertificate {
    private ProvidedCertificate() {
    }

    public static List<ConfigFile> all() {
        return List.of(ProvidedCertificate::chain, ProvidedCertificate::key);
    }

    static BundleFile chain(RenderContext ctx) {
        Deployment d = ctx.deployment();
        return ctx.file(d.paths().tlsCertificate(), withNewline(ctx.secret(Deployment.TLS_CERTIFICATE)), "0644", "root",
                "root", NginxConf.SERVICE, BundleFile.Action.RELOAD, false);
    }

    static BundleFile key(RenderContext ctx) {
        Deployment d = ctx.deployment();
        return ctx.file(d.paths().tlsPrivateKey(), withNewline(ctx.secret(Deployment.TLS_PRIVATE_KEY)), "0640", "root",
                "root", NginxConf.SERVICE, BundleFile.Action.RELOAD, true);
    }

    private static String withNewline(String pem) {
        return pem.endsWith("\n") ? pem : pem + "\n";
    }
}
