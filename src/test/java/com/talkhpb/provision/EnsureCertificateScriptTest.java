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
 * ensure-certificate.sh run by bash against certificates openssl makes here: every name is checked as
 * TLS clients check it (wildcards yes, look-alike suffixes no), and the certificate must belong to the
 * private key.
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
        return ensure("provided", DOMAIN, cert, key);
    }

    Run ensure(String mode, String names, Path cert, Path key) throws Exception {
        Path script = work.resolve("ensure-certificate.sh");
        Files.writeString(script, ProvisioningScripts.helper("ensure-certificate.sh"));
        Process process = new ProcessBuilder("bash", script.toString(), mode, names, cert.toString(), key.toString(),
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
    void aSelfSignedCertificateNamesEveryNameAndIsRemadeWhenANameIsAdded() throws Exception {
        Path cert = work.resolve("self.crt");
        Path key = work.resolve("self.key");

        Run first = ensure("self-signed", DOMAIN, cert, key);
        Run again = ensure("self-signed", DOMAIN, cert, key);
        Run withTurn = ensure("self-signed", DOMAIN + ",turn." + DOMAIN, cert, key);

        assertThat(first.out()).contains("made a self-signed certificate for hpb.example.com");
        assertThat(again.out()).contains("certificate for hpb.example.com is current");
        assertThat(withTurn.status()).as(withTurn.out()).isZero();
        assertThat(withTurn.out()).contains("made a self-signed certificate for hpb.example.com and turn.hpb.example.com");
        assertThat(provided(cert, key).status()).isZero();
        assertThat(ensure("provided", "turn." + DOMAIN, cert, key).status()).as("the TURN name is on it too").isZero();
    }

    @Test
    void aProvidedCertificateWithoutTheTurnNameIsRefusedWithTheWayOut() throws Exception {
        Path key = key("domain-only");

        Run run = ensure("provided", DOMAIN + ",turn." + DOMAIN, certificate("domain-only", key, "DNS:" + DOMAIN, 90), key);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("does not name turn.hpb.example.com", "talk-hpb:turnsName off");
    }

    @Test
    void beforeAcmeATurnNameThatDoesNotResolveLikeTheDomainStopsTheRunAndSaysHowToFixIt() throws Exception {
        Run unresolved = ensure("names-resolve", "localhost,turn.talk-hpb.invalid", work.resolve("c"), work.resolve("k"));
        Run same = ensure("names-resolve", "localhost,localhost", work.resolve("c"), work.resolve("k"));

        assertThat(unresolved.status()).isEqualTo(1);
        assertThat(unresolved.out()).contains("turn.talk-hpb.invalid resolves to nothing", "like localhost",
                "talk-hpb:turnsName off", "Nothing was changed");
        assertThat(same.status()).as(same.out()).isZero();
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
