package com.talkhpb.bench;

import com.talkhpb.model.Deployment;
import com.talkhpb.model.Topology;
import com.talkhpb.render.Bundle;
import com.talkhpb.render.BundleWriter;
import com.talkhpb.render.HostFacts;
import com.talkhpb.render.NginxStream;
import com.talkhpb.render.SampleSecrets;
import com.talkhpb.settings.SettingsReader;
import com.talkhpb.testing.MapConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the bundle for the capacity benchmark (bench/capacity.sh): the product's own rendering for the
 * loopback topology, plus the settings only the upstream benchmark client needs, which never appear in
 * a production rendering: signaling accepts any backend with one global secret ({@code allowall}), and
 * nginx exposes the signaling WebSocket at {@code ws://<address>:8000/spreed} without TLS, the only URL
 * form the client dials, through the stream layer as on port 443. Every session comes from the client's one address, so the per-address limits
 * stay on but at the largest {@code connectionsPerAddress} the benchmark reaches (a real HPB sees
 * these sessions from many addresses). Usage: CapacityBundle <root dir> <public address>
 */
public final class CapacityBundle {
    static final int BENCHMARK_HTTP_PORT = 8000;
    static final int BENCHMARK_BEHIND_STREAM_PORT = 8001;
    static final int BENCHMARK_CONNECTIONS_PER_ADDRESS = 16000;

    private CapacityBundle() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        String address = args[1];
        Deployment deployment = Deployment.of(SettingsReader.read(MapConfig.valid()
                .with("domain", "hpb.capacity.test")
                .with("connectionsPerAddress", Integer.toString(BENCHMARK_CONNECTIONS_PER_ADDRESS))
                .with("tlsMode", "self-signed").without("acmeEmail")), Topology.loopbackTest(root, address));
        Bundle bundle = Bundle.render(deployment, new HostFacts(address), new SampleSecrets("capacity"));
        BundleWriter.write(bundle, root);

        String secret = new SampleSecrets("capacity-backend").valueOf(Deployment.HASH_KEY);
        Path serverConf = Path.of(deployment.paths().signalingConf());
        String conf = Files.readString(serverConf);
        if (!conf.contains("allowall = false")) {
            throw new IllegalStateException("rendered server.conf no longer says allowall = false");
        }
        Files.writeString(serverConf, conf.replace("allowall = false",
                "# BENCHMARK ONLY: any backend, one global secret (the upstream client runs its own backend\n"
                        + "# and reads this file for it).\n"
                        + "allowall = true\nsecret = " + secret));

        // The generated shape of port 443 (the stream layer in front, the HTTPS server behind it with the
        // client's address in the PROXY protocol), without TLS: every session costs nginx the same four
        // connections and the same proxying.
        Path stream = Path.of(deployment.paths().nginxStream());
        String streamConf = Files.readString(stream);
        int end = streamConf.lastIndexOf('}');
        Files.writeString(stream, streamConf.substring(0, end)
                + "    # BENCHMARK ONLY: the upstream client dials ws://<addr>/spreed without TLS; as the generated 443 front.\n"
                + "    server {\n        listen " + address + ":" + BENCHMARK_HTTP_PORT + " reuseport;\n"
                + "        proxy_pass 127.0.0.1:" + BENCHMARK_BEHIND_STREAM_PORT + ";\n        proxy_protocol on;\n"
                + "        proxy_timeout 3600s;\n        proxy_buffer_size " + NginxStream.FRONT_BUFFER + ";   # as the generated 443 front\n    }\n"
                + streamConf.substring(end));
        Path site = Path.of(deployment.paths().nginxSite());
        String generated = Files.readString(site);
        Files.writeString(site, generated + "\n# BENCHMARK ONLY: the upstream client dials ws://<addr>/spreed; the location is the\n"
                + "# generated one (proxying and limits), only its path differs; behind the stream layer as the HTTPS server.\n"
                + "server {\n    listen 127.0.0.1:" + BENCHMARK_BEHIND_STREAM_PORT + " reuseport proxy_protocol;\n"
                + "    set_real_ip_from 127.0.0.1;\n    real_ip_header proxy_protocol;\n"
                + "    location /spreed {" + websocketLocationBody(generated) + "}\n}\n");
        System.out.println(root);
    }

    private static String websocketLocationBody(String site) {
        String opening = "location " + Deployment.SIGNALING_PATH + "spreed {";
        int start = site.indexOf(opening);
        if (start < 0) {
            throw new IllegalStateException("rendered site has no " + opening);
        }
        start += opening.length();
        return site.substring(start, site.indexOf("}", start));
    }
}
