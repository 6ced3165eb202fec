package com.talkhpb.provision;

import com.talkhpb.model.Deployment;
import com.talkhpb.render.Bundle;
import com.talkhpb.render.BundleFile;
import com.talkhpb.render.BundleWriter;
import com.talkhpb.render.HostFacts;
import com.talkhpb.render.HostFirewall;
import com.talkhpb.render.HostPreparation;
import com.talkhpb.render.HostPreparation.PreparedFile;
import com.talkhpb.render.SecretValues;
import com.talkhpb.render.Shell;
import com.talkhpb.render.SshAccess;
import com.talkhpb.settings.ExistingServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The two texts only an existing server (cloud existing) runs: the prepare-host step, which does what
 * user-data does on a VM talk-hpb creates (the same {@link HostPreparation}) after checking that the
 * server is Debian 12 and recording what it had; and its delete, which pulumi destroy runs to take the
 * HPB away again. Neither holds a secret; every value passes through {@link Shell}.
 */
public final class ExistingServerScripts {
    static final String PREPARE_FUNCTIONS = "prepare-host.sh";
    static final String REMOVE = "remove-hpb.sh";
    /** Installing chrony removes systemd-timesyncd: it keeps running after a destroy, so the clock stays in time. */
    static final String TIME_SYNC = "chrony";

    private final Deployment deployment;
    private final ExistingServer server;

    public ExistingServerScripts(Deployment deployment) {
        this.deployment = deployment;
        this.server = deployment.machine().existingServer()
                .orElseThrow(() -> new IllegalArgumentException("not an existing server: " + deployment.machine().cloud()));
    }

    /** Checks the server, records what it has, installs the packages (over the connection pinned to sshHostKey). */
    public String prepare() {
        List<PreparedFile> files = HostPreparation.files(deployment.packages());
        StringBuilder script = new StringBuilder("# talk-hpb: prepare the existing server ").append(server.publicIpv4()).append('\n')
                .append("set -euo pipefail\n")
                .append("source <(printf '%s' ").append(Shell.quote(base64(ProvisioningScripts.helper(PREPARE_FUNCTIONS))))
                .append(" | base64 -d)\n")
                .append("require_debian_12\n")
                .append(Shell.words(Stream.concat(Stream.of("require_ports_free"), Stream.of(deployment.httpPort(),
                        deployment.httpsPort(), deployment.turnPort()).map(String::valueOf)).toList())).append('\n')
                .append(Shell.words(Stream.concat(Stream.of("remember_packages_before"), allPackages().stream()).toList())).append('\n')
                .append(Shell.words(Stream.concat(Stream.of("remember_services_before"), daemons().stream()).toList())).append('\n')
                .append(Shell.words(Stream.concat(Stream.of("remember_files_before"), files.stream().map(PreparedFile::path)).toList()))
                .append('\n');
        files.stream().filter(f -> !f.afterPackages()).forEach(f -> script.append(putFile(f)));
        script.append(Shell.words(Stream.concat(Stream.of("install_packages"), installedPackages().stream()).toList())).append('\n');
        files.stream().filter(PreparedFile::afterPackages).forEach(f -> script.append(putFile(f)));
        HostPreparation.commandsAfterPackages().forEach(command -> script.append(command).append('\n'));
        // After the install, before configure: Debian's own files (or the admin's), which a destroy puts back.
        script.append(Shell.words(Stream.concat(Stream.of("remember_files_before"), configuredPaths().stream()).toList())).append('\n')
                .append("echo 'talk-hpb: the server is ready'\n");
        return script.toString();
    }

    /** What pulumi destroy runs: the HPB removed, the server's own files and services back as they were. */
    public String remove() {
        List<String> words = new ArrayList<>();
        touchedPaths().forEach(path -> words.addAll(List.of("--path", path)));
        daemons().forEach(unit -> words.addAll(List.of("--service", unit)));
        allPackages().forEach(p -> words.addAll(List.of("--package", p)));
        deployment.packages().heldPackages().forEach(p -> words.addAll(List.of("--held", p)));
        words.addAll(List.of("--unit", HostFirewall.SERVICE, "--keep", TIME_SYNC, "--domain", deployment.domain()));
        if (server.purgePackagesOnDestroy()) {
            words.add("--purge");
        }
        return "# talk-hpb: remove the HPB from the existing server " + server.publicIpv4() + "\n"
                + "set -euo pipefail\n"
                + "bash <(printf '%s' " + Shell.quote(base64(ProvisioningScripts.helper(REMOVE))) + " | base64 -d) "
                + Shell.words(words) + "\n";
    }

    /** What the install of the packages names: cloud-init's list and what configure adds elsewhere. */
    List<String> installedPackages() {
        Set<String> packages = new LinkedHashSet<>(deployment.packages().installList());
        packages.addAll(deployment.packages().addedByProvisioning());
        return List.copyOf(packages);
    }

    /** Every package talk-hpb may install: those, and the signaling packages their install pulls in. */
    List<String> allPackages() {
        Set<String> packages = new LinkedHashSet<>(installedPackages());
        packages.addAll(deployment.packages().signalingPackages());
        return List.copyOf(packages);
    }

    /** The daemons configure sets up (not sshd, which keeps running, nor talk-hpb's own firewall unit). */
    public List<String> daemons() {
        return Bundle.render(deployment, HostFacts.UNKNOWN, SecretValues.PLACEHOLDERS).files().stream().map(BundleFile::service)
                .filter(service -> !service.equals(SshAccess.SERVICE) && !service.equals(HostFirewall.SERVICE)).distinct().toList();
    }

    /** Every file talk-hpb writes or removes on the server: the preparation's, then configure's. */
    public List<String> touchedPaths() {
        return Stream.concat(HostPreparation.files(deployment.packages()).stream().map(PreparedFile::path), configuredPaths().stream())
                .toList();
    }

    /** Every file configure writes or removes. */
    public List<String> configuredPaths() {
        Bundle bundle = Bundle.render(deployment, HostFacts.UNKNOWN, SecretValues.PLACEHOLDERS);
        Set<String> paths = new LinkedHashSet<>(bundle.files().stream().map(BundleFile::installPath).toList());
        paths.addAll(BundleWriter.removedPaths(bundle));
        return List.copyOf(paths);
    }

    private static String putFile(PreparedFile file) {
        return Shell.words("put_file", file.path(), file.permissions(), base64(file.content())) + "\n";
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
