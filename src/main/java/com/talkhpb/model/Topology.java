package com.talkhpb.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the HPB's files live and which address its public services bind to. Production is the real
 * host: files under {@code /}, public services on every address. The loopback test topology puts every
 * file under a directory and binds public services to one loopback address, so the real daemons can
 * run side by side on a test machine without touching anything else.
 */
public record Topology(Path root, Optional<String> publicBindAddress, boolean allowLoopbackPeers) {
    public static final Topology PRODUCTION = new Topology(Path.of("/"), Optional.empty(), false);

    /** Files under {@code root}, public services on {@code address} (e.g. 127.0.0.5), which also stands for the public IP. */
    public static Topology loopbackTest(Path root, String address) {
        return new Topology(root.toAbsolutePath(), Optional.of(address), true);
    }

    /** An absolute install path, placed under this topology's root. */
    public String path(String absolute) {
        if (!absolute.startsWith("/")) {
            throw new IllegalArgumentException("not absolute: " + absolute);
        }
        return root.resolve(absolute.substring(1)).toString();
    }
}
