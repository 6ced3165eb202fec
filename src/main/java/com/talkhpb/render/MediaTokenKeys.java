package com.talkhpb.render;

import com.talkhpb.model.Deployment;

/**
 * The RSA key pair the HPB's signaling server authenticates to the media proxies with: the private key
 * on the HPB only (readable by the signaling server's group), the public key on each media node.
 */
public final class MediaTokenKeys {
    private MediaTokenKeys() {
    }

    /** On the HPB: [mcu] token_key. */
    public static BundleFile privateKey(RenderContext ctx) {
        Deployment d = ctx.deployment();
        return ctx.file(d.paths().mediaTokenKey(), ensureNewline(ctx.secret(Deployment.MEDIA_TOKEN_KEY)), "0640", "root", SignalingServerConf.USER,
                SignalingServerConf.SERVICE, BundleFile.Action.RESTART, true);
    }

    /** On a media node: the proxy's [tokens] entry; the proxy reloads its keys on SIGHUP. */
    public static BundleFile publicKey(RenderContext ctx) {
        Deployment d = ctx.deployment();
        return ctx.file(d.paths().mediaTokenPublicKey(), ensureNewline(ctx.secret(Deployment.MEDIA_TOKEN_PUBLIC_KEY)), "0644", "root",
                "root", ProxyConf.SERVICE, BundleFile.Action.RELOAD, false);
    }

    private static String ensureNewline(String pem) {
        return pem.endsWith("\n") ? pem : pem + "\n";
    }
}
