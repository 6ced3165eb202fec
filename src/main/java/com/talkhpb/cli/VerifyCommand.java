package com.talkhpb.cli;

import com.talkhpb.verify.CallCheck;
import com.talkhpb.verify.Check;
import com.talkhpb.verify.HpbVerifier;
import com.talkhpb.verify.MetricsCheck;
import com.talkhpb.verify.Verdicts;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code verify}: checks a live HPB as Talk will use it and says what to fix. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a live HPB: TLS, welcome, version, features, clock, WebSocket, signed backend request, STUN, TURN, "
                + "with --turns-name TURN over TLS on 443, "
                + "with --call a real call through Janus, and with --metrics every target of the metrics endpoint. "
                + "Exit status 0 when no check fails.")
public final class VerifyCommand implements Callable<Integer> {
    @Option(names = "--url", required = true, description = "The signaling URL, e.g. https://hpb.example.com/standalone-signaling/")
    URI url;

    @Option(names = "--nextcloud-url", description = "The Nextcloud base URL the shared secret belongs to (for the backend check).")
    URI nextcloudUrl;

    @Option(names = "--secret-file", description = "File holding that Nextcloud's shared secret (for the backend check).")
    Path secretFile;

    @Option(names = "--turn-secret-file", description = "File holding the TURN secret (for the TURN allocation check).")
    Path turnSecretFile;

    @Option(names = "--turn-port", defaultValue = "3478", description = "coturn's port (default 3478).")
    int turnPort;

    @Option(names = "--turns-name", description = "Also allocate over TLS on the HTTPS port by this name, as a client that "
            + "may only use port 443 does (the turnsName setting, e.g. turn.hpb.example.com; needs --turn-secret-file).")
    String turnsName;

    @Option(names = "--call", description = "Also make a real call: two participants publish audio and video through Janus and "
            + "receive each other's (needs --internal-secret-file, --nextcloud-url, and python3-aiortc here).")
    boolean call;

    @Option(names = "--internal-secret-file", description = "File holding the signaling server's internal secret (for --call; "
            + "pulumi stack output --show-secrets internalSecret).")
    Path internalSecretFile;

    @Option(names = "--call-seconds", defaultValue = "8", description = "How long media flows in the call (default 8).")
    int callSeconds;

    @Option(names = "--stats-url", description = "The signaling server's stats, to report the MCU (each media node's proxy: "
            + "connected, load) as it sees it. It answers on the HPB's loopback only: forward it, e.g. "
            + "ssh -L 18080:127.0.0.1:8080 root@<hpb>, and give http://127.0.0.1:18080/api/v1/stats.")
    URI statsUrl;

    @Option(names = "--metrics", description = "Also ask every target of the metrics endpoint as Prometheus would, from here: "
            + "give the prometheusScrapeConfig output in a file (pulumi stack output --show-secrets prometheusScrapeConfig > scrape.yml).")
    Path metricsConfig;

    @Option(names = "--ca-file", description = "Trust this PEM certificate (a self-signed test stack's) instead of the system's CAs.")
    Path caFile;

    @Override
    public Integer call() throws Exception {
        URI signalingUrl = url.toString().endsWith("/") ? url : URI.create(url + "/");
        if (!"https".equals(signalingUrl.getScheme())) {
            System.err.println("talk-hpb verify: --url must be https (Talk only talks to an HPB over TLS): " + url);
            return 2;
        }
        if (secretFile != null && nextcloudUrl == null || nextcloudUrl != null && secretFile == null && !call) {
            System.err.println("talk-hpb verify: --secret-file and --nextcloud-url go together: the secret is per Nextcloud.");
            return 2;
        }
        if (call && (internalSecretFile == null || nextcloudUrl == null)) {
            System.err.println("talk-hpb verify: --call needs --internal-secret-file (pulumi stack output --show-secrets internalSecret) "
                    + "and --nextcloud-url (a Nextcloud the HPB serves: its participants authenticate for it).");
            return 2;
        }
        if (callSeconds < 2 || callSeconds > 600) {
            System.err.println("talk-hpb verify: --call-seconds must be 2 to 600.");
            return 2;
        }
        List<MetricsCheck.Target> metricsTargets = List.of();
        if (metricsConfig != null) {
            try {
                metricsTargets = MetricsCheck.targets(Files.readString(metricsConfig, StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                System.err.println("talk-hpb verify: --metrics " + metricsConfig + ": " + e.getMessage());
                return 2;
            }
        }
        HpbVerifier.Target target = new HpbVerifier.Target(signalingUrl, turnPort, tls(),
                read(secretFile), Optional.ofNullable(nextcloudUrl).map(u -> URI.create(u.toString().replaceAll("/+$", ""))),
                read(turnSecretFile), Optional.ofNullable(turnsName));
        System.out.println("talk-hpb verify " + signalingUrl);
        List<Check> checks = new java.util.ArrayList<>(new HpbVerifier(target).run());
        boolean unreachable = checks.stream().anyMatch(c -> (c.name().equals("dns") || c.name().equals("connect"))
                && c.status() == Check.Status.FAIL);
        if (call && unreachable) {
            checks.add(Check.skip("call", "needs the HPB reachable (see the failed check above)", ""));
        } else if (call) {
            checks.add(new CallCheck(new CallCheck.Call(signalingUrl, nextcloudUrl, read(internalSecretFile).orElseThrow(),
                    Optional.ofNullable(caFile), turnPort, read(turnSecretFile), callSeconds)).run());
        }
        if (statsUrl != null) {
            checks.addAll(mediaServers(statsUrl));
        }
        if (metricsConfig != null) {
            checks.addAll(new MetricsCheck(tls()).run(metricsTargets));
        }
        checks.forEach(check -> System.out.println(check.line()));
        long failed = checks.stream().filter(c -> c.status() == Check.Status.FAIL).count();
        long skipped = checks.stream().filter(c -> c.status() == Check.Status.SKIP).count();
        long warnings = checks.stream().filter(c -> c.status() == Check.Status.WARN).count();
        if (warnings > 0) {
            System.out.println(warnings + (warnings == 1 ? " check passed with a warning" : " checks passed with warnings"));
        }
        System.out.println((checks.size() - failed - skipped) + " passed, " + failed + " failed, " + skipped + " skipped");
        return failed == 0 ? 0 : 1;
    }

    private static List<Check> mediaServers(URI stats) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(stats).timeout(java.time.Duration.ofSeconds(10)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return List.of(Check.fail("mcu", "GET " + stats + " answered HTTP " + response.statusCode(),
                        "Give the forwarded stats URL: the signaling server answers its stats on loopback only."));
            }
            return Verdicts.mediaServers(new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()));
        } catch (Exception e) {
            return List.of(Check.fail("mcu", "GET " + stats + " failed: " + e.getMessage(),
                    "Forward the HPB's stats first: ssh -L 18080:127.0.0.1:8080 root@<hpb>."));
        }
    }

    private static Optional<String> read(Path file) throws Exception {
        return file == null ? Optional.empty() : Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
    }

    private SSLContext tls() throws Exception {
        if (caFile == null) {
            return SSLContext.getDefault();
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int n = 0;
        for (Certificate certificate : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(caFile)))) {
            trust.setCertificateEntry("ca-" + n++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
