package com.talkhpb.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace standing for a participant's machine on the Internet: one veth link to the host,
 * where {@link #HOST_ADDRESS} is the only address it can reach (no default route, so nothing leaves the
 * machine). Services on the host listen on that address for it, as the VM's port forwards do. The
 * namespace is held by a process of our own that also ends when this JVM does (killed or not): closing
 * kills it, and the link goes with it.
 */
public final class OutsideNetwork implements AutoCloseable {
    public static final String HOST_ADDRESS = "192.168.79.1";
    public static final String OUTSIDE_ADDRESS = "192.168.79.2";
    public static final int LONGEST_COMMAND_SECONDS = 600;

    private final Process holder;
    private final String namespace;

    private OutsideNetwork(Process holder) {
        this.holder = holder;
        this.namespace = "/proc/" + holder.pid() + "/ns/net";
    }

    /** Creates the namespace and its link; needs root (CAP_NET_ADMIN). */
    public static OutsideNetwork create() throws Exception {
        String whileThisJvmLives = "while kill -0 " + ProcessHandle.current().pid() + " 2>/dev/null; do sleep 1; done";
        Process holder = new ProcessBuilder("unshare", "--net", "sh", "-c", whileThisJvmLives).redirectErrorStream(true).start();
        OutsideNetwork network = new OutsideNetwork(holder);
        try {
            Path own = Files.readSymbolicLink(Path.of("/proc/self/ns/net"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Files.readSymbolicLink(Path.of(network.namespace)).equals(own)) {
                if (System.nanoTime() > deadline || !holder.isAlive()) {
                    throw new IllegalStateException("unshare --net did not give a namespace");
                }
                Thread.sleep(50);
            }
            String host = "tout" + holder.pid() % 100000;
            String outside = "tin" + holder.pid() % 100000;
            run(List.of("ip", "link", "add", host, "type", "veth", "peer", "name", outside));
            run(List.of("ip", "link", "set", outside, "netns", Long.toString(holder.pid())));
            run(List.of("ip", "addr", "add", HOST_ADDRESS + "/24", "dev", host));
            run(List.of("ip", "link", "set", host, "up"));
            network.inside(List.of("ip", "link", "set", "lo", "up"));
            network.inside(List.of("ip", "addr", "add", OUTSIDE_ADDRESS + "/24", "dev", outside));
            network.inside(List.of("ip", "link", "set", outside, "up"));
            return network;
        } catch (Exception | AssertionError e) {
            network.close();
            throw e;
        }
    }

    /**
     * A command to run in the namespace, for at most {@link #LONGEST_COMMAND_SECONDS}: the caller stops it
     * sooner, but a test JVM killed outright cannot, and the namespace lives as long as anything in it.
     */
    public List<String> command(List<String> command) {
        List<String> inside = new ArrayList<>(List.of("timeout", "--kill-after=10", Integer.toString(LONGEST_COMMAND_SECONDS),
                "nsenter", "--net=" + namespace));
        inside.addAll(command);
        return inside;
    }

    /**
     * A strict firewall on the participant's side, as in a corporate network: only the given TCP and
     * UDP ports of the host address, nothing else in or out.
     */
    public void onlyAllow(List<Integer> tcpPorts, List<Integer> udpPorts) throws Exception {
        String rules = "table inet outside_firewall {\n"
                + "  chain output {\n    type filter hook output priority 0; policy drop;\n    oif \"lo\" accept\n"
                + "    ip daddr " + HOST_ADDRESS + " tcp dport { " + join(tcpPorts) + " } accept\n"
                + "    ip daddr " + HOST_ADDRESS + " udp dport { " + join(udpPorts) + " } accept\n  }\n"
                + "  chain input {\n    type filter hook input priority 0; policy drop;\n    iif \"lo\" accept\n"
                + "    ip saddr " + HOST_ADDRESS + " tcp sport { " + join(tcpPorts) + " } accept\n"
                + "    ip saddr " + HOST_ADDRESS + " udp sport { " + join(udpPorts) + " } accept\n  }\n}\n";
        Process nft = new ProcessBuilder(command(List.of("nft", "-f", "-"))).redirectErrorStream(true).start();
        nft.getOutputStream().write(rules.getBytes());
        nft.getOutputStream().close();
        String out = new String(nft.getInputStream().readAllBytes());
        if (nft.waitFor() != 0) {
            throw new IllegalStateException("nft failed: " + out + "\n" + rules);
        }
    }

    /** Removes the firewall {@link #onlyAllow} set. */
    public void openUp() throws Exception {
        new ProcessBuilder(command(List.of("nft", "delete", "table", "inet", "outside_firewall")))
                .redirectErrorStream(true).start().waitFor();
    }

    private void inside(List<String> command) throws Exception {
        run(command(command));
    }

    private static String join(List<Integer> ports) {
        return String.join(", ", ports.stream().map(String::valueOf).toList());
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    @Override
    public void close() {
        holder.destroyForcibly();
        try {
            holder.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
