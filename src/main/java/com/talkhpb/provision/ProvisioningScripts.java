package com.talkhpb.provision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.talkhpb.facts.TalkRequirements;
import com.talkhpb.facts.WellKnownPorts;
import com.talkhpb.model.Backend;
import com.talkhpb.model.Deployment;
import com.talkhpb.model.Exporter;
import com.talkhpb.model.Monitoring;
import com.talkhpb.model.Protocol;
import com.talkhpb.model.TurnsOn443;
import com.talkhpb.render.Bundle;
import com.talkhpb.render.BundleWriter;
import com.talkhpb.render.HostPreparation;
import com.talkhpb.render.HostFacts;
import com.talkhpb.render.SecretValues;
import com.talkhpb.render.Shell;
import com.talkhpb.render.SignalingEgress;
import com.talkhpb.settings.TlsMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shell commands the provisioning steps run on the host, built from the model. The Pulumi remote
 * commands and the VM end-to-end test run exactly these texts. None holds a secret: secret values
 * reach the host only on standard input. Every value in them passes through {@link Shell#quote}.
 *
 * <p>Each text names what it applies (the configuration's hash, or the configure step's), so that a
 * change of configuration is a visible in-place update of the step, never a replacement.
 */
public final class ProvisioningScripts {
    /** Where the helper scripts are installed on the host. */
    public static final String LIBRARY = com.talkhpb.model.HostPaths.HELPER_LIBRARY;
    /** Installs, starts and stops the metrics endpoint's exporters. */
    static final String EXPORTERS = "exporters.sh";
    /** Refuses a host firewall that would not admit the provisioning session's address. */
    static final String SSH_SESSION_ADMITTED = "ssh-session-admitted.py";
    public static final List<String> HELPERS = List.of("install-bundle.sh", "install-signaling.sh", "install-packages.sh",
            "ensure-certificate.sh", "certificate-deployed.sh", "health-check.sh", "health-probe.py", SSH_SESSION_ADMITTED,
            com.talkhpb.render.Watchdog.SCRIPT, EXPORTERS, SignalingEgress.BACKEND_ADDRESSES);
    /** Run by the wait for cloud-init, not installed: it reads cloud-init's log of the first boot. */
    static final String FIRST_BOOT_PHASES = "first-boot-phases.py";
    /** The text of the step that learns a VM's host key: never to change (see {@link #waitForCloudInit()}). */
    static final String WAIT_FOR_CLOUD_INIT = "wait-for-cloud-init.sh";
    /** What that text must stay; a test holds it to this. */
    static final String LEARNING_STEP_SHA256 = "sha256:7e81998ad8e7b8bd3920355112c2e6f72a959f0f56c5b2ebe9a15e70f3cc9863";
    /** install-signaling.sh keeps the version cloud-init installed. */
    static final String KEEP_INSTALLED_VERSION = "keep";
    /** Learnt by the first step (which carries no secret), then required by every step that does. */
    static final String HOST_KEY = "/etc/ssh/ssh_host_ed25519_key.pub";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deployment deployment;
    private String configure;

    public ProvisioningScripts(Deployment deployment) {
        this.deployment = deployment;
    }

    /**
     * Waits for cloud-init to finish (fails with its log when it failed or took too long), prints where the
     * first boot's time went, and last the host key every later step requires. It is the one step that
     * connects without a pinned key, so it learns the key exactly once per machine: its text is frozen
     * (wait-for-cloud-init.sh, {@link #LEARNING_STEP_SHA256}), since a changed text would update the
     * step on every stack and learn the key again, trusting whoever answers during that run. New
     * first-boot work goes into a later, pinned step.
     */
    public static String waitForCloudInit() {
        return helper(WAIT_FOR_CLOUD_INIT);
    }

    /** Prints where the first boot's time went, from cloud-init's log; never fails. */
    public static String firstBootPhases() {
        return "printf '%s' " + Shell.quote(base64(helper(FIRST_BOOT_PHASES))) + " | base64 -d | python3 - || true";
    }

    /** The host key {@link #waitForCloudInit()} printed (its last line), as pulumi-command's hostKey takes it. */
    public static String hostKeyFrom(String waitForCloudInitOutput) {
        List<String> lines = waitForCloudInitOutput.strip().lines().toList();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
        if (!last.startsWith("ssh-ed25519 ")) {
            throw new IllegalStateException("the first provisioning step printed no ED25519 host key (" + HOST_KEY
                    + "); its output ended with: " + last);
        }
        return last;
    }

    /**
     * Installs the helper scripts, puts the signaling packages at the wanted version, makes sure nginx
     * has a certificate, installs the bundle read from standard input (all or nothing, restarting what
     * changed); with ACME, then obtains the real certificate.
     */
    public String configure() {
        if (configure == null) {
            configure = renderConfigure();
        }
        return configure;
    }

    private String renderConfigure() {
        StringBuilder script = new StringBuilder("# talk-hpb configuration ").append(configurationHash()).append('\n')
                .append("set -euo pipefail\n")
                .append(installHelpers(HELPERS));
        script.append("bundle=$(mktemp)\n")
                .append("trap 'rm -f \"$bundle\"' EXIT\n")
                .append("cat > \"$bundle\"\n");
        // Before anything changes: the host firewall must still admit this session's address.
        List<String> sessionCheck = new ArrayList<>(List.of(LIBRARY + "/" + SSH_SESSION_ADMITTED,
                "--ssh-port", Integer.toString(deployment.machine().sshPort())));
        sessionCheck.addAll(deployment.portPlan().sourcesFor(Protocol.TCP, deployment.machine().sshPort()));
        script.append(Shell.words(sessionCheck)).append('\n');
        if (deployment.tls().mode() == TlsMode.ACME && deployment.certificateNames().size() > 1) {
            // Before anything changes: Let's Encrypt must reach every name the certificate will hold.
            script.append(certificate("names-resolve"));
        }
        List<String> signaling = new ArrayList<>(List.of(LIBRARY + "/install-signaling.sh",
                deployment.packages().signalingVersion().orElse(KEEP_INSTALLED_VERSION)));
        signaling.addAll(deployment.packages().heldPackages());
        script.append(Shell.words(signaling)).append('\n');
        TlsMode mode = deployment.tls().mode();
        script.append(Shell.words(List.of(LIBRARY + "/install-packages.sh", String.join(",", deployment.packages().addedByProvisioning()))))
                .append('\n');
        script.append(exporters(deployment, Monitoring.hpbExporters()));
        switch (mode) {
            case SELF_SIGNED -> script.append(certificate("self-signed"));
            case ACME -> script.append(certificate("stand-in"));
            case PROVIDED -> { }
        }
        script.append(Shell.quote(LIBRARY + "/install-bundle.sh")).append(" < \"$bundle\"\n");
        switch (mode) {
            // Its deploy hook reloads nginx onto the certificate.
            case ACME -> script.append(certificate("acme"));
            case PROVIDED -> script.append(certificate("provided"));
            case SELF_SIGNED -> { }
        }
        return script.toString();
    }

    /**
     * The exporters' part of configure, before the bundle: with metrics on, install the missing ones without
     * starting them (the bundle's drop-ins come next, and install-bundle.sh starts them with those); with
     * metrics off, stop any an earlier run started. A stack that never had metrics runs only the harmless stop.
     */
    static String exporters(Deployment deployment, List<Exporter> exporters) {
        List<String> packages = Monitoring.packages(exporters);
        List<String> words = new ArrayList<>(List.of(LIBRARY + "/" + EXPORTERS, deployment.monitoring().isPresent() ? "install" : "off"));
        words.addAll(packages);
        return Shell.words(words) + "\n";
    }

    /** Shell text that writes the given helper scripts (shipped in the jar) into {@link #LIBRARY}. */
    static String installHelpers(List<String> helpers) {
        StringBuilder script = new StringBuilder("install -d -m 0755 ").append(Shell.quote(LIBRARY)).append('\n');
        for (String helper : helpers) {
            String target = Shell.quote(LIBRARY + "/" + helper);
            script.append("printf '%s' ").append(Shell.quote(base64(helper(helper))))
                    .append(" | base64 -d > ").append(target).append('\n')
                    .append("chmod 0755 ").append(target).append('\n');
        }
        return script.toString();
    }

    /**
     * Checks the HPB as Talk will use it, with the secrets of {@link #healthCheckInput} on standard
     * input; prints a JSON line with the signaling version and features. Its text names the configure
     * step it follows, so it runs again whenever that step does.
     */
    public String healthCheck() {
        return "# talk-hpb health check after configure " + sha256(configure()) + "\n"
                + Shell.words(LIBRARY + "/health-check.sh",
                deployment.domain(),
                certificateTrust(),
                String.join(",", TalkRequirements.REQUIRED_FEATURES),
                String.join(",", TalkRequirements.OPTIONAL_FEATURES),
                deployment.signalingListener().hostPort(),
                Integer.toString(deployment.nats().port()),
                deployment.topology().publicBindAddress().orElse("127.0.0.1"),
                Integer.toString(deployment.turnPort()),
                deployment.turns().map(TurnsOn443::name).orElse("")) + "\n";
    }

    /**
     * How the health check checks the served certificate: as its own CA (self-signed), by the system's
     * CAs (Let's Encrypt, provided), or pinned to the installed one (an ACME server the system does not
     * trust: Let's Encrypt's staging, a private one).
     */
    private String certificateTrust() {
        return switch (deployment.tls().mode()) {
            case SELF_SIGNED -> "self-signed";
            case PROVIDED -> "system";
            case ACME -> deployment.tls().acmeDirectory().equals(com.talkhpb.settings.TlsSettings.LETS_ENCRYPT) ? "system" : "pinned";
        };
    }

    /**
     * What the health check reads on standard input: each backend's URL and secret, the TURN secret, and
     * the hash of the install document configure applied, so that the check runs again whenever
     * configure does, also for a change of a secret it does not itself prove.
     */
    public String healthCheckInput(SecretValues secrets, String installDocument) {
        List<Map<String, String>> backends = new ArrayList<>();
        for (Backend backend : deployment.backends()) {
            // A fixed key order: the same input must give the same text in every run, or the step updates.
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("url", backend.url().toString());
            entry.put("secret", secrets.valueOf(backend.secret()));
            backends.add(entry);
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("backends", backends);
        input.put("turnSecret", secrets.valueOf(Deployment.TURN_SECRET));
        input.put("appliedConfiguration", sha256(installDocument));
        try {
            return JSON.writeValueAsString(input) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hash of the bundle with placeholders: changes exactly when the configuration does, reveals no secret. */
    public String configurationHash() {
        return sha256(BundleWriter.installDocument(Bundle.render(deployment, unknownHost(deployment), SecretValues.PLACEHOLDERS)));
    }

    /** The HPB's facts before it exists: placeholders, also for its private address and its media nodes'. */
    public static HostFacts unknownHost(Deployment deployment) {
        return deployment.usesMediaNodes()
                ? HostFacts.UNKNOWN.withPrivateNetwork("{{host:privateIpv4}}", HostFacts.unknownMediaNodes(deployment.mediaNodes().size()))
                : HostFacts.UNKNOWN;
    }

    private String certificate(String mode) {
        List<String> words = new ArrayList<>(List.of(LIBRARY + "/ensure-certificate.sh", mode,
                String.join(",", deployment.certificateNames()),
                deployment.paths().tlsCertificate(), deployment.paths().tlsPrivateKey(), deployment.paths().acmeWebroot()));
        if (mode.equals("acme")) {
            words.add(deployment.tls().acmeEmail().orElseThrow());
            words.add(deployment.tls().acmeDirectory());
            deployment.tls().acmeCaCertificate().ifPresent(ca -> words.add(deployment.paths().acmeCaCertificate()));
        }
        return Shell.words(words) + "\n";
    }

    /**
     * {@code script} as {@code user} runs it: unchanged for root, else through passwordless sudo (the
     * default user of Debian's AMIs). Standard input passes through, so the bundle still arrives there.
     */
    public static String asRoot(String user, String script) {
        if (user.equals("root")) {
            return script;
        }
        return "exec sudo -n bash -c \"$(printf '%s' " + Shell.quote(base64(script)) + " | base64 -d)\"\n";
    }

    /** The text of a helper script shipped in the jar. */
    public static String helper(String name) {
        try (InputStream in = ProvisioningScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("helper script " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return "sha256:" + HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
