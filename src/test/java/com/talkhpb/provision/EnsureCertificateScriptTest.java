package com.talkhpb.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ensure-certificate.sh with a provided certificate, run by bash against certificates openssl makes
 * here: the name is checked as TLS clients check it (wildcards yes, look-alike suffixes no), and the
 * certificate must belong to the private key.
 */
class EnsureCertificateScriptTest {
    static final String DOMAIN = "hpb.example.com";

    @TempDir
    Path work;

    record Run(int status, String out) {
    }

    Path key(String name) throws Exception {
        Path key = work.resolve(name + ".key");
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
        return key;
    }

    Path certificate(String name, Path key, String san, int days) throws Exception {
        Path cert = work.resolve(name + ".crt");
        openssl("req", "-x509", "-key", key.toString(), "-days", Integer.toString(days), "-subj", "/CN=" + name,
                "-addext", "subjectAltName=" + san, "-out", cert.toString());
        return cert;
    }

    void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(out).isZero();
    }

    Run provided(Path cert, Path key) throws Exception {
        Path script = work.resolve("ensure-certificate.sh");
        Files.writeString(script, ProvisioningScripts.helper("ensure-certificate.sh"));
        Process process = new ProcessBuilder("bash", script.toString(), "provided", DOMAIN, cert.toString(), key.toString(),
                work.resolve("acme").toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out);
    }

    @Test
    void aCertificateForTheNameAndItsKeyIsAccepted() throws Exception {
        Path key = key("right");

        Run run = provided(certificate("exact", key, "DNS:" + DOMAIN, 90), key);

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.out()).contains("provided certificate for hpb.example.com is current");
    }

    @Test
    void aWildcardCertificateCoversTheName() throws Exception {
        Path key = key("wildcard");

        Run run = provided(certificate("wildcard", key, "DNS:*.example.com", 90), key);

        assertThat(run.status()).as(run.out()).isZero();
    }

    @Test
    void aLookAlikeNameIsRefused() throws Exception {
        Path key = key("evil");

        Run run = provided(certificate("evil", key, "DNS:hpb.example.com.evil.net", 90), key);

        assertThat(run.status()).isNotZero();
        assertThat(run.out()).contains("does not name hpb.example.com", "talk-hpb:tlsCertificate");
    }

    @Test
    void aCertificateMadeForAnotherKeyIsRefused() throws Exception {
        Path certificate = certificate("other", key("other"), "DNS:" + DOMAIN, 90);

        Run run = provided(certificate, key("mine"));

        assertThat(run.status()).isNotZero();
        assertThat(run.out()).contains("was not made for the private key");
    }

    @Test
    void aCertificateAboutToExpireIsRefused() throws Exception {
        Path key = key("old");

        Run run = provided(certificate("old", key, "DNS:" + DOMAIN, 10), key);

        assertThat(run.status()).isNotZero();
        assertThat(run.out()).contains("expires within 30 days");
    }
}
