package com.talkhpb.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.facts.WellKnownPorts;
import com.talkhpb.model.Deployment;
import com.talkhpb.model.Topology;
import com.talkhpb.provision.ExistingServerScripts;
import com.talkhpb.provision.ProvisioningScripts;
import com.talkhpb.render.Bundle;
import com.talkhpb.render.BundleWriter;
import com.talkhpb.render.ExplicitSecretsFirst;
import com.talkhpb.render.HostFacts;
import com.talkhpb.render.HostPreparation;
import com.talkhpb.render.SampleSecrets;
import com.talkhpb.render.SecretValues;
import com.talkhpb.render.Shell;
import com.talkhpb.settings.SettingsReader;
import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.SelfSignedTls;
import com.talkhpb.testing.TestKeys;
import com.talkhpb.testing.Vm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A Debian 12 VM booted with no talk-hpb user-data at all stands for a server the admin already has
 * (cloud existing): the very texts of the prepare-host step, configure, the health check and the
 * destroy run on it over SSH as its admin user through sudo, as the remote commands do. It must become a working HPB behind its own
 * firewall, and a destroy must take everything away again and give back what the server had.
 */
@Tag("vm")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExistingServerVmIT {
    static final String DOMAIN = "hpb.e2e.test";
    /** A file the admin wrote before talk-hpb came, at a path talk-hpb writes too: a destroy must give it back. */
    static final String ADMINS_FILE = "/etc/apt/apt.conf.d/20auto-upgrades";
    static final String ADMINS_CONTENT = "// the admin's own: no unattended upgrades here\n";
    static final List<String> DAEMONS = List.of("nats-server", "coturn", "janus", "nextcloud-spreed-signaling", "nginx");
    /** The server's admin user: no root login, passwordless sudo (how many servers are run). */
    static final String ADMIN = "ops";

    Path work;
    Vm vm;
    Deployment deployment;
    ExistingServerScripts existing;
    ProvisioningScripts scripts;
    SecretValues secrets;
    String installDocument;
    String preparationFilesBefore;
    String configuredFilesAfterPreparation;

    @BeforeAll
    void bootAServerWithoutTalkHpb() throws Exception {
        work = Files.createTempDirectory("talk-hpb-existing-vm-");
        Files.createDirectories(VmEndToEndIT.IMAGE_CACHE);
        Process build = new ProcessBuilder("bash", "e2e/build-image.sh", VmEndToEndIT.IMAGE_CACHE.toString())
                .redirectError(work.resolve("build-image.log").toFile()).start();
        Path image = Path.of(new String(build.getInputStream().readAllBytes()).strip());
        assertThat(build.waitFor()).as(Files.readString(work.resolve("build-image.log"))).isZero();

        vm = Vm.boot(image, work.resolve("vm"), "#cloud-config\n{}\n", WellKnownPorts.TURN_DEFAULT, Vm.Ports.free(), List.of("127.0.0.1"));
        try {
            vm.awaitSsh(Duration.ofMinutes(5));
            // A server in use: its boot long done, and a file of the admin's where talk-hpb writes one.
            vm.ssh("cloud-init status --wait > /dev/null; printf %s " + Shell.quote(ADMINS_CONTENT) + " > " + ADMINS_FILE
                    + " && useradd -m -s /bin/bash " + ADMIN
                    + " && echo '" + ADMIN + " ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/90-e2e-" + ADMIN
                    + " && install -d -m 0700 -o " + ADMIN + " -g " + ADMIN + " ~" + ADMIN + "/.ssh"
                    + " && install -m 0600 -o " + ADMIN + " -g " + ADMIN + " /root/.ssh/authorized_keys ~" + ADMIN + "/.ssh/authorized_keys")
                    .requireSuccess("settle the server, with its admin user");
            // As README tells the admin: the key ssh-keyscan prints, checked against the server's own file.
            String scanned = VmEndToEndIT.run("ssh-keyscan", "-p", Integer.toString(vm.ports().ssh()), "-t", "ed25519", "127.0.0.1")
                    .lines().filter(line -> line.contains("ssh-ed25519")).findFirst().orElseThrow();
            assertThat(scanned).contains(vm.ssh("cut -d' ' -f2 /etc/ssh/ssh_host_ed25519_key.pub").stdout().strip());
            MapConfig config = MapConfig.valid()
                    .with("cloud", "existing")
                    .with("hostIpv4", Vm.GUEST_ADDRESS)
                    .with("sshPrivateKey", TestKeys.privateKeyPem())
                    .with("sshHostKey", scanned)
                    .with("sshUser", ADMIN)
                    .with("domain", DOMAIN)
                    .with("tlsMode", "self-signed")
                    .without("acmeEmail")
                    .with("protect", "false")
                    .with("sshSourceCidrs", "[\"" + Vm.HOST_FROM_GUEST + "/32\"]");
            deployment = Deployment.of(SettingsReader.read(config), Topology.PRODUCTION);
            existing = new ExistingServerScripts(deployment);
            scripts = new ProvisioningScripts(deployment);
            secrets = new ExplicitSecretsFirst(deployment, new SampleSecrets(UUID.randomUUID().toString()));
            installDocument = BundleWriter.installDocument(Bundle.render(deployment, new HostFacts(Vm.GUEST_ADDRESS), secrets));
        } catch (Exception | AssertionError e) {
            System.out.println(vm.diagnostics());
            throw e;
        }
    }

    /** A step's text as the remote command runs it: as the admin user, through sudo. */
    Vm.Result asAdmin(String script, String stdin, Duration timeout) throws Exception {
        return vm.sshAs(ADMIN, ProvisioningScripts.asRoot(ADMIN, script), stdin, timeout);
    }

    @AfterAll
    void stopTheVm() {
        if (vm != null) {
            vm.close();
        }
    }

    @Test
    @Order(1)
    void onAnotherSystemThePreparationStopsNamingItAndChangesNothing() throws Exception {
        String ubuntu = "PRETTY_NAME=\"Ubuntu 24.04.1 LTS\"\nID=ubuntu\nVERSION_ID=\"24.04\"\n";
        Vm.Result refused = vm.ssh("printf %s " + Shell.quote(ubuntu) + " > /tmp/os-release && unshare --mount bash -c "
                + Shell.quote("mount --bind /tmp/os-release /etc/os-release && " + existing.prepare()), null, Duration.ofMinutes(2));

        assertThat(refused.status()).isNotZero();
        assertThat(refused.stderr()).contains("this server runs Ubuntu 24.04.1 LTS", "talk-hpb needs Debian 12", "Nothing was changed");
        assertThat(vm.ssh("ls /var/lib/talk-hpb /etc/apt/sources.list.d/talk-hpb-sid.list 2>&1 | grep -c 'No such file'").stdout().strip())
                .isEqualTo("2");
    }

    @Test
    @Order(2)
    void thePreparationInstallsThePackagesOnce() throws Exception {
        preparationFilesBefore = fingerprint(preparationPaths());
        long start = System.nanoTime();
        Vm.Result prepared = asAdmin(existing.prepare(), null, Duration.ofMinutes(25)).requireSuccess("prepare-host");
        System.out.printf("existing server: prepare-host (apt update and install) took %.1f s%n", (System.nanoTime() - start) / 1e9);
        System.out.println(prepared.stdout().lines().filter(l -> l.startsWith("talk-hpb:")).reduce("", (a, b) -> a + b + "\n"));

        assertThat(prepared.stdout()).contains("the server runs Debian GNU/Linux 12", "installing janus");
        assertThat(vm.ssh("dpkg-query -W -f='${db:Status-Status}\\n' " + Shell.words(deployment.packages().installList()))
                .stdout().lines().distinct()).containsExactly("installed");
        assertThat(vm.ssh("test -f " + HostPreparation.PACKAGES_READY_MARKER + " && test ! -e " + HostPreparation.POLICY_RC_D).status())
                .as("ready, and daemons may start again").isZero();
        configuredFilesAfterPreparation = fingerprint(existing.configuredPaths());
    }

    @Test
    @Order(3)
    void configureAndTheHealthCheckMakeItAWorkingHpbBehindItsOwnFirewall() throws Exception {
        asAdmin(scripts.configure(), installDocument, Duration.ofMinutes(10)).requireSuccess("configure");
        String report = asAdmin(scripts.healthCheck(), scripts.healthCheckInput(secrets, installDocument), Duration.ofMinutes(5))
                .requireSuccess("health check").stdout();
        assertThat(report).contains("\"version\":\"2.");

        assertThat(vm.ssh("nft list table inet talk_hpb").requireSuccess("the host firewall").stdout())
                .contains("policy drop", "tcp dport 22 accept", Vm.HOST_FROM_GUEST);
        vm.ssh("setsid nohup python3 -m http.server " + Vm.OUTSIDE_THE_PLAN + " --bind 0.0.0.0 --directory /tmp"
                + " > /dev/null 2>&1 < /dev/null & sleep 2").requireSuccess("start a listener outside the plan");
        try {
            assertThat(answers(URI.create("http://127.0.0.1:" + vm.ports().outsideThePlan() + "/"), HttpClient.newHttpClient()))
                    .as("a port outside the plan, from the host's side of the forwards").isFalse();
        } finally {
            vm.ssh("pkill -f 'http.server " + Vm.OUTSIDE_THE_PLAN + "'");
        }
        String certificate = vm.ssh("cat " + deployment.paths().tlsCertificate()).requireSuccess("read certificate").stdout();
        HttpClient https = HttpClient.newBuilder().sslContext(SelfSignedTls.trusting(certificate)).connectTimeout(Duration.ofSeconds(10)).build();
        assertThat(answers(URI.create("https://" + DOMAIN + ":" + vm.ports().https() + Deployment.SIGNALING_PATH + "api/v1/welcome"), https))
                .as("HTTPS, in the plan").isTrue();
    }

    @Test
    @Order(4)
    void preparingAgainAsAnUpdateOfTheStepDoesNoHarmToTheRunningHpb() throws Exception {
        String pids = vm.ssh("systemctl show -p MainPID --value " + String.join(" ", DAEMONS)).stdout();

        asAdmin(existing.prepare(), null, Duration.ofMinutes(10)).requireSuccess("prepare-host again");

        assertThat(vm.ssh("systemctl show -p MainPID --value " + String.join(" ", DAEMONS)).stdout()).as("nothing restarted").isEqualTo(pids);
        assertThat(vm.ssh("grep -c '^present " + deployment.paths().nginxConf() + "$' /var/lib/talk-hpb/before.list").stdout().strip())
                .as("the record of the server's own files is kept, not retaken from the configured ones").isEqualTo("1");
        asAdmin(scripts.healthCheck(), scripts.healthCheckInput(secrets, installDocument), Duration.ofMinutes(5))
                .requireSuccess("health check after preparing again");
    }

    @Test
    @Order(5)
    void theDestroyStopsEverythingRemovesTheHpbAndGivesTheServerItsOwnFilesBack() throws Exception {
        Vm.Result removed = asAdmin(existing.remove(), null, Duration.ofMinutes(10)).requireSuccess("remove");
        System.out.println(removed.stdout());

        assertThat(removed.stdout()).contains("the HPB is removed. Left on the server:", "stopped and disabled", "chrony, running");
        for (String daemon : existing.daemons()) {
            // talk-hpb's own units (the watchdog's timer) go with their files; the packages' stay, disabled.
            String expected = daemon.startsWith("talk-hpb-") ? "removed" : "disabled";
            assertThat(vm.ssh("state=$(systemctl is-enabled " + daemon + " 2>/dev/null); echo \"${state:-removed}\"; systemctl is-active "
                    + daemon).stdout().lines())
                    .as(daemon).containsExactly(expected, "inactive");
        }
        assertThat(existing.daemons()).containsAll(DAEMONS);
        assertThat(vm.ssh("systemctl is-active chrony").stdout().strip()).isEqualTo("active");
        assertThat(vm.ssh("systemctl is-enabled certbot.timer").stdout().strip()).as("no renewal of a removed certificate").isEqualTo("disabled");
        assertThat(vm.ssh("nft list table inet talk_hpb").status()).as("no firewall table").isNotZero();
        assertThat(vm.ssh("ls -d /etc/talk-hpb /usr/local/lib/talk-hpb /var/lib/talk-hpb /etc/ssh/talk-hpb "
                + "/etc/systemd/system/talk-hpb-firewall.service 2>/dev/null | wc -l").stdout().strip()).isEqualTo("0");
        assertThat(vm.ssh("apt-mark showhold").stdout().strip()).as("nothing held").isEmpty();
        assertThat(fingerprint(preparationPaths())).as("apt sources, pins, kernel settings: as before talk-hpb")
                .isEqualTo(preparationFilesBefore);
        assertThat(vm.ssh("cat " + ADMINS_FILE).stdout()).isEqualTo(ADMINS_CONTENT);
        assertThat(fingerprint(existing.configuredPaths())).as("the daemons' files: Debian's own again")
                .isEqualTo(configuredFilesAfterPreparation);
        assertThat(vm.ssh("dpkg-query -W -f='${db:Status-Status}\\n' janus nginx").stdout().lines().distinct())
                .as("packages kept by default").containsExactly("installed");
        assertThat(vm.ssh("sshd -t && echo ok").stdout().strip()).isEqualTo("ok");
        assertThat(vm.sshAs(ADMIN, "sudo -n true && echo ok", null, Duration.ofMinutes(1)).stdout().strip())
                .as("and the admin still logs in, with sudo").isEqualTo("ok");
    }

    List<String> preparationPaths() {
        return HostPreparation.files(deployment.packages()).stream().map(HostPreparation.PreparedFile::path).toList();
    }

    /** Each path's kind, mode, owner and content hash (or link target), or that it is absent. */
    String fingerprint(List<String> paths) throws Exception {
        return vm.ssh("for p in " + Shell.words(paths) + "; do if [ -L \"$p\" ]; then echo \"$p -> $(readlink \"$p\")\";"
                + " elif [ -e \"$p\" ]; then echo \"$p $(stat -c '%a %U %G' \"$p\") $(sha256sum < \"$p\" | cut -c1-16)\";"
                + " else echo \"$p absent\"; fi; done").requireSuccess("fingerprint").stdout();
    }

    static boolean answers(URI uri, HttpClient client) {
        // slirp accepts the host's connection whatever the guest does: only an HTTP answer counts.
        try {
            return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(8)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() > 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
