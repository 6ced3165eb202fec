package com.talkhpb.testing;

import com.talkhpb.model.Deployment;
import com.talkhpb.render.Bundle;
import com.talkhpb.render.BundleWriter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the real HPB daemons from a bundle rendered for the loopback test topology, each as a child
 * process started the way its systemd unit starts it, with the rendered files and nothing else.
 * Ports are the production ones, on loopback addresses only.
 */
public final class HpbDaemons implements AutoCloseable {
    /** The binaries the Debian packages install; the tests need scripts/install-test-deps.sh. */
    public static final List<String> BINARIES = List.of("/usr/sbin/nats-server", "/usr/bin/turnserver", "/usr/bin/janus",
            "/usr/bin/nextcloud-spreed-signaling-server", "/usr/sbin/nginx", "/usr/bin/turnutils_uclient", "/usr/bin/openssl");

    private final Deployment deployment;
    private final Path root;
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    private HpbDaemons(Deployment deployment) {
        this.deployment = deployment;
        this.root = deployment.topology().root();
    }

    /** Writes the bundle under the topology root, makes a self-signed certificate, starts every daemon in order. */
    public static HpbDaemons start(Bundle bundle) throws Exception {
        for (String binary : BINARIES) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException(binary + " is missing: run scripts/install-test-deps.sh (as root) first");
            }
        }
        HpbDaemons daemons = new HpbDaemons(bundle.deployment());
        try {
            daemons.prepare(bundle);
            daemons.startAll();
        } catch (Exception | AssertionError e) {
            daemons.close();
            throw new IllegalStateException(e.getMessage() + "\n" + daemons.logTails(), e);
        }
        return daemons;
    }

    private void prepare(Bundle bundle) throws Exception {
        // nginx workers run as www-data, as on the host: they must be able to walk to the ACME webroot.
        Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        BundleWriter.write(bundle, root);
        for (String dir : List.of("run", "var/log/nginx", "var/lib/talk-hpb/acme", "etc/talk-hpb/tls")) {
            Files.createDirectories(root.resolve(dir));
        }
        String address = deployment.topology().publicBindAddress().orElseThrow();
        run(List.of("/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "90",
                "-subj", "/CN=" + deployment.domain(),
                "-addext", "subjectAltName=" + String.join(",", deployment.certificateNames().stream().map(n -> "DNS:" + n).toList())
                        + ",IP:" + address,
                "-keyout", deployment.paths().tlsPrivateKey(), "-out", deployment.paths().tlsCertificate()));
    }

    private void startAll() throws Exception {
        String publicAddress = deployment.topology().publicBindAddress().orElseThrow();
        spawn("nats", List.of("/usr/sbin/nats-server", "-c", deployment.paths().natsConf()));
        awaitTcp(deployment.nats().host(), deployment.nats().port(), "nats-server");
        spawn("coturn", List.of("/usr/bin/turnserver", "-c", deployment.paths().turnserverConf(), "--pidfile="));
        awaitTcp(publicAddress, deployment.turnPort(), "coturn");
        spawn("janus", List.of("/usr/bin/janus", "--disable-colors", "--log-stdout",
                "--configs-folder=" + deployment.paths().janusConfigDir(),
                "--config=" + deployment.paths().janusFile("janus.jcfg")));
        awaitTcp(deployment.janusWebsocket().host(), deployment.janusWebsocket().port(), "janus");
        spawn("signaling", List.of("/usr/bin/nextcloud-spreed-signaling-server", "--config",
                deployment.paths().signalingConf()));
        awaitTcp(deployment.signalingListener().host(), deployment.signalingListener().port(), "signaling");
        run(List.of("/usr/sbin/nginx", "-t", "-c", deployment.paths().nginxConf()));
        spawn("nginx", List.of("/usr/sbin/nginx", "-c", deployment.paths().nginxConf(), "-g", "daemon off;"));
        awaitTcp(publicAddress, deployment.httpsPort(), "nginx");
    }

    public Path log(String name) {
        return root.resolve("logs").resolve(name + ".log");
    }

    public String logText(String name) throws IOException {
        return Files.readString(log(name));
    }

    private void spawn(String name, List<String> command) throws IOException {
        Files.createDirectories(log(name).getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log(name).toFile())
                .start();
        processes.add(process);
        logs.add(log(name));
    }

    private void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    private void awaitTcp(String host, int port, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Process process = processes.get(processes.size() - 1);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited with status " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException(what + " did not listen on " + host + ":" + port + " within 60 s");
    }

    /** The last lines of every daemon's log, for failure messages. */
    public String logTails() {
        StringBuilder out = new StringBuilder();
        for (Path log : logs) {
            try {
                List<String> lines = Files.readAllLines(log);
                out.append("---- ").append(log.getFileName()).append(" (last 40 lines)\n");
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> out.append(l).append('\n'));
            } catch (IOException e) {
                out.append("---- ").append(log).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
