package com.talkhpb.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.cli.TalkHpbCommand;
import com.talkhpb.facts.TalkRequirements;
import com.talkhpb.model.Deployment;
import com.talkhpb.model.Topology;
import com.talkhpb.render.Bundle;
import com.talkhpb.render.BundleFile;
import com.talkhpb.render.BundleWriter;
import com.talkhpb.render.HostFacts;
import com.talkhpb.render.SampleSecrets;
import com.talkhpb.render.SecretValues;
import com.talkhpb.facts.SecretKind;
import com.talkhpb.provision.MediaNodeScripts;
import com.talkhpb.provision.ProvisioningScripts;
import com.talkhpb.settings.SettingsReader;
import com.talkhpb.testing.FixtureStacks;
import com.talkhpb.testing.MapConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The committed production stack's bundle, as {@code render --stack prod --sample-secrets} writes it,
 * installed by the product's own install-bundle.sh and run by the real daemons as their own users, in
 * a private mount and network namespace (loopback only; the machine's /etc, /var and /run untouched).
 */
class ProdBundleIT {
    /**
     * The stand-in public IP, on a dummy interface inside the test's own network namespace, which has
     * no uplink (RFC 2544 benchmarking range: reserved for exactly such lab tests).
     */
    static final String PUBLIC_ADDRESS = "198.18.0.10";

    @Test
    void theProdStacksBundleIsAcceptedByTheRealDaemonsInstalledAsOnTheHost() throws Exception {
        Path work = Files.createTempDirectory("talk-hpb-prod-");
        Path rendered = work.resolve("rendered");
        int status = new CommandLine(new TalkHpbCommand()).execute("render", "--stack", "prod", "--project-dir", FixtureStacks.projectDir().toString(), "--out", rendered.toString(),
                "--sample-secrets", "--public-ipv4", PUBLIC_ADDRESS);
        assertThat(status).isZero();

        Deployment deployment = Deployment.of(SettingsReader.read(FixtureStacks.read("prod")), Topology.PRODUCTION);
        Bundle bundle = Bundle.render(deployment, new HostFacts(PUBLIC_ADDRESS), new SampleSecrets("prod"));
        for (BundleFile file : bundle.files()) {
            assertThat(Files.readString(rendered.resolve(file.bundlePath())))
                    .as("the installed %s is what render wrote", file.bundlePath()).isEqualTo(file.content());
        }
        Path document = work.resolve("install.json");
        Files.writeString(document, BundleWriter.installDocument(bundle));
        Path provision = copyProvisioningScripts(work.resolve("provision"));
        ProvisioningScripts scripts = new ProvisioningScripts(deployment);
        Path health = Files.writeString(work.resolve("health.json"), scripts.healthCheckInput(new SampleSecrets("prod"), ""));
        // The same deployment with other secrets: what a half-applied rotation leaves Nextcloud holding.
        SecretValues rotated = new SampleSecrets("rotated");
        Path staleBackend = Files.writeString(work.resolve("stale-backend.json"), scripts.healthCheckInput(
                ref -> ref.kind() == SecretKind.BACKEND_SECRET ? rotated.valueOf(ref) : new SampleSecrets("prod").valueOf(ref), ""));
        Path staleTurn = Files.writeString(work.resolve("stale-turn.json"), scripts.healthCheckInput(
                ref -> ref.equals(Deployment.TURN_SECRET) ? rotated.valueOf(ref) : new SampleSecrets("prod").valueOf(ref), ""));
        Path script = copyNamespaceScripts(work, "run-bundle-in-namespace.sh");
        // The same stack as a release before TURN over TLS rendered it: the host the upgrade starts from.
        Deployment beforeTurns = Deployment.of(SettingsReader.read(MapConfig.ofFixtureStack("prod").with("turnsName", "off")),
                Topology.PRODUCTION);
        Path previous = Files.writeString(work.resolve("install-before-turns.json"), BundleWriter.installDocument(
                Bundle.render(beforeTurns, new HostFacts(PUBLIC_ADDRESS), new SampleSecrets("prod"))));

        String output = runInNamespaces(script, List.of(
                document.toString(), work.resolve("ns").toString(), deployment.domain(), PUBLIC_ADDRESS, provision.toString(),
                String.join(",", TalkRequirements.REQUIRED_FEATURES), String.join(",", TalkRequirements.OPTIONAL_FEATURES),
                health.toString(), staleBackend.toString(), staleTurn.toString(), previous.toString()), 180);

        assertThat(output).contains(
                "ok: nginx reloaded onto the stream layer in front of 443 (same master process)",
                "ok: welcome over TLS through nginx, version 2.",
                "ok: features " + String.join(",", TalkRequirements.REQUIRED_FEATURES) + " announced",
                "ok: signaling reports the MCU (Janus) connected",
                "ok: signaling connected to NATS",
                "ok: signaling, Janus and NATS listen on 127.0.0.1 only",
                "ok: secret files are 0640 root-owned, readable by their daemon's group",
                "ok: nats-server, coturn, Janus and the signaling server run as their own unprivileged users",
                "ok: the provisioning health check passes: {\"version\":\"2.",
                "ok: the health check allocates over TLS on 443 by the TURN name",
                "ok: the health check fails when the signaling server holds another backend secret",
                "ok: the health check fails when coturn holds another TURN secret",
                "ok: the health check fails when the host firewall is not loaded",
                "ok: NATS and Janus take connections from the signaling server's user only (another user is refused)",
                "ok: installing the same bundle again changes nothing",
                "all checks passed");
        System.out.println(output);
    }

    /**
     * Runs a namespace script to its end and asserts it succeeded; returns its output. Private mount,
     * network and PID namespaces: when the script ends (or is killed with unshare), every daemon it
     * started ends with it.
     */
    static String runInNamespaces(Path script, List<String> args, int timeoutSeconds) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("unshare", "--mount", "--net", "--pid", "--mount-proc",
                "--fork", "--kill-child", "bash", script.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(timeoutSeconds, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    /** The named script and the library it sources, copied into {@code dir}; returns the script. */
    static Path copyNamespaceScripts(Path dir, String script) throws Exception {
        for (String name : List.of(script, "hpb-in-namespace.sh", "federation-probe.py")) {
            try (InputStream in = ProdBundleIT.class.getResourceAsStream(name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        return dir.resolve(script);
    }

    /** The product's call client (verify --call's), copied into {@code dir}; returns it. */
    static Path copyCallClient(Path dir) throws Exception {
        Path client = dir.resolve("call-client.py");
        try (InputStream in = ProdBundleIT.class.getResourceAsStream("/com/talkhpb/verify/call-client.py")) {
            Files.copy(in, client);
        }
        return client;
    }

    static Path copyProvisioningScripts(Path dir) throws Exception {
        Files.createDirectories(dir);
        for (String name : java.util.stream.Stream.concat(ProvisioningScripts.HELPERS.stream(), MediaNodeScripts.HELPERS.stream())
                .distinct().toList()) {
            try (InputStream in = ProdBundleIT.class.getResourceAsStream("/com/talkhpb/provision/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
            // As configure installs them (0755): certbot runs the deploy hook itself.
            dir.resolve(name).toFile().setExecutable(true);
        }
        return dir;
    }
}
