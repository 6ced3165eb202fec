package com.talkhpb.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Debian 12 VM under QEMU (TCG) booted from a cached image with a NoCloud seed: user-data as given,
 * the deploy key in the metadata (as a cloud provider injects it). Port forwards listen on 127.0.0.1
 * (and on a test network's host address when given), never on the machine's network; the guest reaches
 * the host's loopback as 10.0.2.2.
 */
public final class Vm implements AutoCloseable {
    /** The guest's own address on QEMU's user network: what the guest sees as its public IP. */
    public static final String GUEST_ADDRESS = "10.0.2.15";
    /** The host's loopback, as the guest reaches it. */
    public static final String HOST_FROM_GUEST = "10.0.2.2";

    /** A guest port outside the HPB's port plan, forwarded too, so a test can show the host firewall closes it. */
    public static final int OUTSIDE_THE_PLAN = 8999;

    /** Host-side ports forwarded to the guest; {@code outsideThePlan} reaches {@link #OUTSIDE_THE_PLAN}. */
    public record Ports(int ssh, int https, int http, int turnUdp, int turnTcp, int outsideThePlan) {
        /** Ports free on the host's loopback now. */
        public static Ports free() throws IOException {
            return new Ports(freeTcpPort(), freeTcpPort(), freeTcpPort(), freeUdpPort(), freeTcpPort(), freeTcpPort());
        }
    }

    /** What one SSH command returned. */
    public record Result(int status, String stdout, String stderr) {
        public Result requireSuccess(String what) {
            if (status != 0) {
                throw new IllegalStateException(what + " failed with status " + status + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            return this;
        }
    }

    private final Path work;
    private final Path key;
    private final Ports ports;
    private Process qemu;

    private Vm(Path work, Path key, Ports ports) {
        this.work = work;
        this.key = key;
        this.ports = ports;
    }

    /**
     * Boots the image in {@code imageDir} with the given user-data, reached at {@code ports} (a replacement
     * machine gets the ports of the one that is gone) on {@code hostAddresses}, which must exist on the
     * host: a network namespace on a veth link to one of them reaches the VM as from outside. TCP is
     * forwarded on every address, UDP (TURN) on the last one only: slirp sends the guest's replies
     * through the first socket forwarded to that guest port, whatever address the request came to.
     * Returns once QEMU runs (not yet SSH).
     */
    public static Vm boot(Path imageDir, Path work, String userData, int turnPort, Ports ports, List<String> hostAddresses)
            throws Exception {
        Files.createDirectories(work);
        Path key = work.resolve("deploy-key");
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "talk-hpb-e2e", "-f", key.toString()));
        String publicKey = Files.readString(work.resolve("deploy-key.pub")).strip();

        Path seed = work.resolve("seed");
        Files.createDirectories(seed);
        Files.writeString(seed.resolve("user-data"), userData);
        Files.writeString(seed.resolve("meta-data"), "instance-id: talk-hpb-e2e-" + System.nanoTime() + "\n"
                + "local-hostname: hpb-e2e\npublic-keys:\n  - " + publicKey + "\n");
        run(List.of("genisoimage", "-quiet", "-output", work.resolve("seed.iso").toString(), "-volid", "cidata", "-joliet",
                "-rock", seed.resolve("user-data").toString(), seed.resolve("meta-data").toString()));
        run(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-b", imageDir.resolve("base.raw").toString(), "-F", "raw",
                work.resolve("disk.qcow2").toString()));

        Vm vm = new Vm(work, key, ports);
        StringBuilder forwards = new StringBuilder("user,id=n0");
        for (String address : hostAddresses) {
            forwards.append(",hostfwd=tcp:").append(address).append(':').append(ports.ssh()).append("-:22")
                    .append(",hostfwd=tcp:").append(address).append(':').append(ports.https()).append("-:443")
                    .append(",hostfwd=tcp:").append(address).append(':').append(ports.http()).append("-:80")
                    .append(",hostfwd=tcp:").append(address).append(':').append(ports.turnTcp()).append("-:").append(turnPort)
                    .append(",hostfwd=tcp:").append(address).append(':').append(ports.outsideThePlan()).append("-:").append(OUTSIDE_THE_PLAN);
        }
        forwards.append(",hostfwd=udp:").append(hostAddresses.get(hostAddresses.size() - 1)).append(':').append(ports.turnUdp())
                .append("-:").append(turnPort);
        vm.qemu = new ProcessBuilder("qemu-system-x86_64", "-accel", "tcg,thread=multi,tb-size=256", "-machine", "q35",
                "-cpu", "max", "-smp", "2", "-m", "1536", "-display", "none", "-monitor", "none",
                "-serial", "file:" + work.resolve("console.log"),
                "-kernel", imageDir.resolve("vmlinuz").toString(), "-initrd", imageDir.resolve("initrd.img").toString(),
                "-append", "root=/dev/vda rw console=ttyS0",
                "-drive", "file=" + work.resolve("disk.qcow2") + ",if=virtio,format=qcow2,cache=unsafe",
                "-drive", "file=" + work.resolve("seed.iso") + ",if=virtio,format=raw,readonly=on",
                "-netdev", forwards.toString(), "-device", "virtio-net-pci,netdev=n0")
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("qemu.log").toFile())
                .start();
        return vm;
    }

    public Ports ports() {
        return ports;
    }

    public Path deployKey() {
        return key;
    }

    /** Waits until sshd answers with a real session (slirp accepts connections before the guest does). */
    public void awaitSsh(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!qemu.isAlive()) {
                throw new IllegalStateException("QEMU exited: " + Files.readString(work.resolve("qemu.log")));
            }
            if (ssh("true", null, Duration.ofSeconds(20)).status() == 0) {
                return;
            }
            Thread.sleep(3000);
        }
        throw new IllegalStateException("no SSH login within " + timeout);
    }

    /**
     * Runs {@code command} as the remote command of an SSH session, as pulumi-command does, and like it
     * retries when the connection or handshake fails (its dialErrorLimit), e.g. while sshd reloads.
     */
    public Result ssh(String command, String stdin, Duration timeout) throws Exception {
        return sshAs("root", command, stdin, timeout);
    }

    /** {@link #ssh(String, String, Duration)} as another user that holds the deploy key. */
    public Result sshAs(String user, String command, String stdin, Duration timeout) throws Exception {
        Result result = sshOnce(user, command, stdin, timeout);
        for (int attempt = 1; attempt < 10 && connectionFailed(result); attempt++) {
            Thread.sleep(3000);
            result = sshOnce(user, command, stdin, timeout);
        }
        return result;
    }

    private static boolean connectionFailed(Result result) {
        return result.status() == 255 && (result.stderr().contains("kex_exchange_identification")
                || result.stderr().contains("Connection reset") || result.stderr().contains("Connection refused")
                || result.stderr().contains("Connection closed") || result.stderr().contains("Connection timed out"));
    }

    private Result sshOnce(String user, String command, String stdin, Duration timeout) throws Exception {
        List<String> ssh = new ArrayList<>(List.of("ssh", "-i", key.toString(), "-p", Integer.toString(ports.ssh()),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "ConnectTimeout=10", "-o", "LogLevel=ERROR", user + "@127.0.0.1", command));
        Process process = new ProcessBuilder(ssh).start();
        Path out = Files.createTempFile(work, "ssh-", ".out");
        Thread stdoutPump = pump(process.getInputStream(), out);
        Path err = Files.createTempFile(work, "ssh-", ".err");
        Thread stderrPump = pump(process.getErrorStream(), err);
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            stdoutPump.join();
            stderrPump.join();
            return new Result(-1, Files.readString(out), Files.readString(err) + "\n(timed out after " + timeout + ")");
        }
        stdoutPump.join();
        stderrPump.join();
        Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    public Result ssh(String command) throws Exception {
        return ssh(command, null, Duration.ofMinutes(5));
    }

    /** Console log, journal and cloud-init logs, for a failure report. */
    public String diagnostics() {
        StringBuilder out = new StringBuilder();
        try {
            List<String> console = Files.readAllLines(work.resolve("console.log"), StandardCharsets.ISO_8859_1);
            out.append("==== console.log (last 80 lines)\n");
            console.subList(Math.max(0, console.size() - 80), console.size()).forEach(l -> out.append(l).append('\n'));
        } catch (IOException e) {
            out.append("(no console log: ").append(e.getMessage()).append(")\n");
        }
        for (String command : List.of("journalctl -b --no-pager | tail -n 200", "tail -n 100 /var/log/cloud-init.log",
                "tail -n 100 /var/log/cloud-init-output.log", "systemctl --failed --no-pager")) {
            try {
                Result r = ssh(command, null, Duration.ofSeconds(60));
                out.append("==== ").append(command).append('\n').append(r.stdout()).append(r.stderr());
            } catch (Exception e) {
                out.append("==== ").append(command).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        if (qemu != null) {
            qemu.destroy();
            try {
                if (!qemu.waitFor(15, TimeUnit.SECONDS)) {
                    qemu.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Thread pump(java.io.InputStream in, Path to) {
        Thread thread = new Thread(() -> {
            try (in) {
                Files.write(to, in.readAllBytes());
            } catch (IOException ignored) {
                // the process ended; what was read is kept
            }
        });
        thread.start();
        return thread;
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
