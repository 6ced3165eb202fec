package com.talkhpb.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.facts.TalkRequirements;
import com.talkhpb.model.Deployment;
import com.talkhpb.provision.ProvisioningScripts;
import com.talkhpb.model.Topology;
import com.talkhpb.render.Bundle;
import com.talkhpb.render.BundleWriter;
import com.talkhpb.render.HostFacts;
import com.talkhpb.render.SampleSecrets;
import com.talkhpb.settings.SettingsReader;
import com.talkhpb.testing.MapConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * tlsMode acme for real, against Debian's pebble (an RFC 8555 ACME server) on loopback, as a stack with
 * a private ACME server would use it (acmeServer URL, acmeCaCertificate): first issuance for the domain
 * and the TURN name over http-01 through the rendered nginx, a second run that issues nothing, the TURN
 * name removed and added in one lineage, a renewal as certbot.timer makes it (deploy hook, nginx reloaded
 * under an open WebSocket), and the failures an admin meets, each naming the fix and keeping the
 * certificate in place.
 */
class AcmeIT {
    static final String PUBLIC_ADDRESS = ProdBundleIT.PUBLIC_ADDRESS;

    @Test
    void theHpbGetsRenewsAndKeepsItsCertificateFromARealAcmeServer() throws Exception {
        Path work = Files.createTempDirectory("talk-hpb-acme-");
        Path pebble = Files.createDirectories(work.resolve("pebble"));
        openssl(pebble, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-subj", "/CN=talk-hpb test ACME CA", "-keyout", "ca.key", "-out", "ca.pem");
        openssl(pebble, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=127.0.0.1",
                "-keyout", "server.key", "-out", "server.csr");
        Files.writeString(pebble.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        openssl(pebble, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                "-extfile", "san.ext", "-out", "server.pem");

        MapConfig stack = MapConfig.valid().with("tlsMode", "acme").with("acmeEmail", "admin@example.com")
                .with("acmeServer", "https://127.0.0.1:14000/dir").with("acmeCaCertificate", Files.readString(pebble.resolve("ca.pem")));
        Deployment deployment = Deployment.of(SettingsReader.read(stack), Topology.PRODUCTION);
        SampleSecrets secrets = new SampleSecrets("acme");
        Path document = Files.writeString(work.resolve("install.json"), BundleWriter.installDocument(
                Bundle.render(deployment, new HostFacts(PUBLIC_ADDRESS), secrets)));
        Path internalSecret = Files.writeString(work.resolve("internal-secret"), secrets.valueOf(Deployment.INTERNAL_SECRET));
        Path health = Files.writeString(work.resolve("health.json"), new ProvisioningScripts(deployment).healthCheckInput(secrets, ""));
        Path provision = ProdBundleIT.copyProvisioningScripts(work.resolve("provision"));
        Path script = ProdBundleIT.copyNamespaceScripts(work, "run-acme-in-namespace.sh");

        String output = ProdBundleIT.runInNamespaces(script, List.of(document.toString(), work.resolve("ns").toString(),
                deployment.domain(), deployment.turns().orElseThrow().name(), PUBLIC_ADDRESS, provision.toString(),
                pebble.resolve("server.pem").toString(), pebble.resolve("server.key").toString(), deployment.paths().acmeCaCertificate(),
                internalSecret.toString(), deployment.backends().get(0).url() + "/", health.toString(),
                String.join(",", TalkRequirements.REQUIRED_FEATURES), String.join(",", TalkRequirements.OPTIONAL_FEATURES)), 300);
        System.out.println(output);

        assertThat(output).contains(
                "ok: pebble issued one certificate for hpb.example.com and turn.hpb.example.com over http-01",
                "ok: the health check passes with the certificate pinned (an ACME server the system does not trust)",
                "ok: a second run issues nothing and the certificate stays",
                "ok: removing and adding the TURN name keeps one lineage (hpb.example.com.conf)",
                "ok: a forced renewal ran the deploy hook: nginx reloaded (same master)",
                "the open WebSocket stayed connected",
                "ok: a name that does not resolve fails naming DNS and the fix; the certificate in place stays",
                "ok: port 80 unreachable fails naming it and the fix; the certificate in place stays",
                "ok: an ACME server that does not answer fails naming it; the certificate in place stays",
                "all checks passed");
    }

    static void openssl(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
