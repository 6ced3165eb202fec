package com.talkhpb.bench;

import com.talkhpb.model.Deployment;
import com.talkhpb.model.Topology;
import com.talkhpb.render.Bundle;
import com.talkhpb.render.BundleWriter;
import com.talkhpb.render.HostFacts;
import com.talkhpb.render.SampleSecrets;
import com.talkhpb.settings.SettingsReader;
import com.talkhpb.testing.MapConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes what the media benchmark (bench/media.sh) installs: the production bundle of a plain stack,
 * rendered for the stand-in public address, unchanged (install.json), and the internal secret its
 * load clients authenticate with. Usage: MediaBundle <work dir> <public address> <domain>
 */
public final class MediaBundle {
    static final String NEXTCLOUD_URL = "https://cloud.media.test";

    private MediaBundle() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Deployment deployment = Deployment.of(SettingsReader.read(MapConfig.valid()
                .with("domain", args[2])
                .with("nextcloud", "[{\"url\":\"" + NEXTCLOUD_URL + "\"}]")
                .with("tlsMode", "self-signed").without("acmeEmail")), Topology.PRODUCTION);
        SampleSecrets secrets = new SampleSecrets("media");
        Files.writeString(work.resolve("install.json"), BundleWriter.installDocument(Bundle.render(deployment, new HostFacts(args[1]), secrets)));
        Files.writeString(work.resolve("internal-secret"), secrets.valueOf(Deployment.INTERNAL_SECRET));
        Files.writeString(work.resolve("backend-url"), NEXTCLOUD_URL + "/");
    }
}
