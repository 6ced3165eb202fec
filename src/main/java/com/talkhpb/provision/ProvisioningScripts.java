package com.talkhpb.provision;

import com.talkhpb.facts.TalkRequirements;
import com.talkhpb.model.Deployment;
import com.talkhpb.render.CloudConfig;
import com.talkhpb.settings.TlsMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The shell commands the provisioning steps run on the host, built from the model. The Pulumi remote
 * commands and the VM end-to-end test run exactly these texts. None holds a secret: secret values
 * reach the host only on standard input of {@link #configure()}.
 */
public final class ProvisioningScripts {
    /** Where the helper scripts are installed on the host. */
    public static final String LIBRARY = "/usr/local/lib/talk-hpb";
    public static final List<String> HELPERS = List.of("install-bundle.sh", "ensure-certificate.sh", "health-check.sh");
    private static final int CLOUD_INIT_WAIT_SECONDS = 20 * 60;

    private final Deployment deployment;

    public ProvisioningScripts(Deployment deployment) {
        this.deployment = deployment;
    }

    /** Waits for cloud-init to finish; fails with its log when it failed or took too long. */
    public String waitForCloudInit() {
        return String.join("\n",
                "set -euo pipefail",
                "echo 'talk-hpb: waiting for cloud-init to install the HPB packages'",
                "for _ in $(seq 1 " + CLOUD_INIT_WAIT_SECONDS / 5 + "); do",
                "  [ -f /var/lib/cloud/instance/boot-finished ] && break",
                "  sleep 5",
                "done",
                "if [ ! -f /var/lib/cloud/instance/boot-finished ]; then",
                "  echo 'talk-hpb: cloud-init did not finish within " + CLOUD_INIT_WAIT_SECONDS / 60 + " minutes' >&2",
                "  tail -n 60 /var/log/cloud-init-output.log >&2 || true",
                "  exit 1",
                "fi",
                "if ! cloud-init status --long | grep -q 'status: done' || [ ! -f " + CloudConfig.PACKAGES_READY_MARKER + " ]; then",
                "  echo 'talk-hpb: cloud-init failed:' >&2",
                "  cloud-init status --long >&2 || true",
                "  tail -n 80 /var/log/cloud-init-output.log >&2 || true",
                "  exit 1",
                "fi",
                "echo 'talk-hpb: cloud-init done'",
                "");
    }

    /**
     * Installs the helper scripts, makes sure nginx has a certificate, installs the bundle read from
     * standard input and restarts what changed; with ACME, then obtains the real certificate.
     */
    public String configure() {
        StringBuilder script = new StringBuilder("set -euo pipefail\n")
                .append("install -d -m 0755 ").append(LIBRARY).append('\n');
        for (String helper : HELPERS) {
            script.append("printf '%s' '").append(Base64.getEncoder().encodeToString(helper(helper).getBytes(StandardCharsets.UTF_8)))
                    .append("' | base64 -d > ").append(LIBRARY).append('/').append(helper).append('\n')
                    .append("chmod 0755 ").append(LIBRARY).append('/').append(helper).append('\n');
        }
        script.append("bundle=$(mktemp)\n")
                .append("trap 'rm -f \"$bundle\"' EXIT\n")
                .append("cat > \"$bundle\"\n");
        TlsMode mode = deployment.tls().mode();
        switch (mode) {
            case SELF_SIGNED -> script.append(certificate("self-signed"));
            case ACME -> script.append(certificate("stand-in"));
            case PROVIDED -> { }
        }
        script.append(LIBRARY).append("/install-bundle.sh < \"$bundle\"\n");
        switch (mode) {
            case ACME -> script.append(certificate("acme")).append("systemctl reload nginx\n");
            case PROVIDED -> script.append(certificate("provided"));
            case SELF_SIGNED -> { }
        }
        return script.toString();
    }

    /** Checks the HPB as Talk will use it; prints a JSON line with the signaling version and features. */
    public String healthCheck() {
        return LIBRARY + "/health-check.sh " + String.join(" ",
                deployment.domain(),
                deployment.tls().mode().configValue(),
                String.join(",", TalkRequirements.REQUIRED_FEATURES),
                deployment.signalingListener().hostPort(),
                Integer.toString(deployment.nats().port())) + "\n";
    }

    private String certificate(String mode) {
        String line = LIBRARY + "/ensure-certificate.sh " + mode + " " + deployment.domain() + " "
                + deployment.paths().tlsCertificate() + " " + deployment.paths().tlsPrivateKey() + " "
                + deployment.paths().acmeWebroot();
        return line + deployment.tls().acmeEmail().filter(e -> mode.equals("acme")).map(e -> " '" + e + "'").orElse("") + "\n";
    }

    /**
     * {@code script} as {@code user} runs it: unchanged for root, else through passwordless sudo (the
     * default user of Debian's AMIs). Standard input passes through, so the bundle still arrives there.
     */
    public static String asRoot(String user, String script) {
        if (user.equals("root")) {
            return script;
        }
        String encoded = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8));
        return "exec sudo -n bash -c \"$(printf '%s' '" + encoded + "' | base64 -d)\"\n";
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
}
