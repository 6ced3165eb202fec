package com.talkhpb.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.talkhpb.facts.TalkRequirements;
import com.talkhpb.model.Deployment;
import com.talkhpb.model.Topology;
import com.talkhpb.render.Bundle;
import com.talkhpb.render.ExplicitSecretsFirst;
import com.talkhpb.render.HostFacts;
import com.talkhpb.render.SampleSecrets;
import com.talkhpb.render.SecretValues;
import com.talkhpb.settings.SettingsReader;
import com.talkhpb.testing.CliRun;
import com.talkhpb.testing.FakeNextcloud;
import com.talkhpb.testing.HpbDaemons;
import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.SelfSignedTls;
import com.talkhpb.testing.SignalingClient;
import com.talkhpb.verify.Hmac;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered configs, run by the real daemons (nats-server, coturn, janus, nextcloud-spreed-signaling,
 * nginx) on loopback, driven by a JDK client and a fake Nextcloud that checks checksums as Talk does.
 * 127.0.0.5 stands in for the host's public IP; nothing is sent to a non-loopback address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HpbIT {
    static final String PUBLIC_ADDRESS = "127.0.0.5";
    static final String DOMAIN = "hpb.talk-hpb.test";
    static final String TURNS_NAME = "turn." + DOMAIN;
    static final Duration WAIT = Duration.ofSeconds(15);
    /** Small enough to reach from one test; the other tests connect from 127.0.0.1, a separate allowance. */
    static final int CONNECTIONS_PER_ADDRESS = 40;
    static final ObjectMapper JSON = new ObjectMapper();

    Path root;
    FakeNextcloud nextcloud;
    String backendSecret;
    Deployment deployment;
    SecretValues secrets;
    HpbDaemons daemons;
    HttpClient https;

    @BeforeAll
    void startHpb() throws Exception {
        root = Files.createTempDirectory("talk-hpb-it-");
        backendSecret = randomAlphanumeric(64);
        nextcloud = new FakeNextcloud(backendSecret);
        MapConfig config = MapConfig.valid()
                .with("domain", DOMAIN)
                .with("nextcloud", "[{\"url\":\"" + nextcloud.baseUrl() + "\",\"secret\":\"" + backendSecret + "\"}]")
                .with("tlsMode", "self-signed")
                .with("connectionsPerAddress", Integer.toString(CONNECTIONS_PER_ADDRESS))
                .without("acmeEmail");
        deployment = Deployment.of(SettingsReader.read(config), Topology.loopbackTest(root, PUBLIC_ADDRESS));
        secrets = new ExplicitSecretsFirst(deployment, new SampleSecrets(UUID.randomUUID().toString()));
        daemons = HpbDaemons.start(Bundle.render(deployment, new HostFacts(PUBLIC_ADDRESS), secrets));
        https = HttpClient.newBuilder()
                .sslContext(SelfSignedTls.trusting(Files.readString(Path.of(deployment.paths().tlsCertificate()))))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    void stopHpb() {
        if (daemons != null) {
            daemons.close();
        }
        if (nextcloud != null) {
            nextcloud.close();
        }
    }

    URI publicUrl(String scheme, String path) {
        return URI.create(scheme + "://" + PUBLIC_ADDRESS + path);
    }

    /** One TLS handshake by openssl's own client; true when the server completed it. */
    boolean handshake(String... options) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl", "s_client", "-connect", PUBLIC_ADDRESS + ":443",
                "-servername", DOMAIN));
        command.addAll(List.of(options));
        Process openssl = new ProcessBuilder(command).redirectErrorStream(true).start();
        openssl.getOutputStream().close();
        String out = new String(openssl.getInputStream().readAllBytes());
        openssl.waitFor();
        lastHandshake = out;
        return out.contains("Verify return code") && !out.contains("Cipher is (NONE)") && openssl.exitValue() == 0;
    }

    String lastHandshake = "";

    @Test
    void aTlsScanFindsOnlyTls12And13WithForwardSecretAeadSuitesAndNoSessionTickets() throws Exception {
        assertThat(handshake("-tls1_3")).as(lastHandshake).isTrue();
        for (String old : List.of("-tls1", "-tls1_1")) {
            // The client offers the old protocol for real (lowest security level); the server must refuse it.
            assertThat(handshake(old, "-cipher", "ALL:@SECLEVEL=0")).as("%s: %s", old, lastHandshake).isFalse();
        }
        Process list = new ProcessBuilder("openssl", "ciphers", "-tls1_2", "ALL:COMPLEMENTOFALL:@SECLEVEL=0").start();
        List<String> offered = List.of(new String(list.getInputStream().readAllBytes()).strip().split(":"));
        list.waitFor();
        List<String> accepted = new java.util.ArrayList<>();
        for (String cipher : offered) {
            if (handshake("-tls1_2", "-cipher", cipher + ":@SECLEVEL=0")) {
                accepted.add(cipher);
            }
        }
        System.out.println("TLS 1.2 suites the generated nginx accepts (of " + offered.size() + " offered): " + accepted);
        assertThat(offered).hasSizeGreaterThan(50);
        assertThat(accepted).as("forward secret AEAD only (no static RSA, no CBC)")
                .isNotEmpty().isSubsetOf(com.talkhpb.render.NginxConf.TLS12_CIPHERS);
        assertThat(handshake("-tls1_2")).isTrue();
        assertThat(lastHandshake).as("no session ticket").doesNotContain("TLS session ticket:");
    }

    @Test
    void httpsResponsesTellBrowsersToKeepToHttps() throws Exception {
        HttpResponse<String> response = https.send(
                HttpRequest.newBuilder(publicUrl("https", Deployment.SIGNALING_PATH + "api/v1/welcome")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.headers().firstValue("Strict-Transport-Security")).contains("max-age=63072000");
    }

    @Test
    void welcomeThroughNginxOverTlsAnnouncesEveryFeatureTalkRequires() throws Exception {
        HttpResponse<String> response = https.send(
                HttpRequest.newBuilder(publicUrl("https", Deployment.SIGNALING_PATH + "api/v1/welcome")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(daemons.logTails()).isEqualTo(200);
        JsonNode welcome = JSON.readTree(response.body());
        assertThat(welcome.path("nextcloud-spreed-signaling").asText()).isEqualTo("Welcome");
        assertThat(welcome.path("version").asText()).as("Talk refuses signaling before 2.0").startsWith("2.");
        List<String> features = List.of(response.headers().firstValue("X-Spreed-Signaling-Features").orElse("")
                .split("\\s*,\\s*"));
        assertThat(features).containsAll(TalkRequirements.REQUIRED_FEATURES);
    }

    @Test
    void plainHttpRedirectsToHttpsAndServesAcmeChallenges() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> redirect = http.send(
                HttpRequest.newBuilder(publicUrl("http", "/standalone-signaling/api/v1/welcome")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("Location"))
                .hasValue("https://" + DOMAIN + "/standalone-signaling/api/v1/welcome");

        Path challenge = Path.of(deployment.paths().acmeWebroot(), ".well-known", "acme-challenge", "token-1");
        Files.createDirectories(challenge.getParent());
        Files.writeString(challenge, "token-1.thumbprint");
        HttpResponse<String> acme = http.send(
                HttpRequest.newBuilder(publicUrl("http", "/.well-known/acme-challenge/token-1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(acme.statusCode()).isEqualTo(200);
        assertThat(acme.body()).isEqualTo("token-1.thumbprint");
    }

    @Test
    void helloV1IsAuthenticatedByTheBackendWithAValidChecksum() throws Exception {
        try (SignalingClient client = connect()) {
            JsonNode hello = helloAsAlice(client);

            assertThat(hello.path("hello").path("userid").asText()).isEqualTo("alice");
            assertThat(hello.path("hello").path("sessionid").asText()).isNotEmpty();
        }
        assertThat(nextcloud.requests()).filteredOn(r -> r.type().equals("auth")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.validChecksum()).as("checksum of %s", r.body()).isTrue());
    }

    @Test
    void joinedClientReceivesAMessageTheBackendSendsThroughNats() throws Exception {
        try (SignalingClient client = connect()) {
            helloAsAlice(client);
            client.send("{\"id\":\"2\",\"type\":\"room\",\"room\":{\"roomid\":\"room-1\",\"sessionid\":\"nc-session-1\"}}");
            JsonNode joined = client.awaitType("room", WAIT);
            assertThat(joined.path("room").path("roomid").asText()).isEqualTo("room-1");

            HttpResponse<String> sent = backendRequest("room-1",
                    "{\"type\":\"message\",\"message\":{\"data\":{\"greeting\":\"hello from nextcloud\"}}}", backendSecret);
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

            JsonNode event = client.await(m -> m.path("type").asText().equals("event")
                    && m.path("event").path("type").asText().equals("message"), WAIT);
            assertThat(event.path("event").path("message").path("data").path("greeting").asText())
                    .isEqualTo("hello from nextcloud");
        }
        assertThat(daemons.logText("signaling")).contains("Connection established to nats://127.0.0.1:4222");
    }

    @Test
    void backendRequestSignedWithAWrongSecretIsRejected() throws Exception {
        HttpResponse<String> response = backendRequest("room-1",
                "{\"type\":\"message\",\"message\":{\"data\":{}}}", randomAlphanumeric(64));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void internalClientWithTheRightTokenIsWelcomedAndAWrongTokenRefused() throws Exception {
        String internalSecret = secrets.valueOf(Deployment.INTERNAL_SECRET);
        try (SignalingClient client = connect()) {
            client.send(internalHello(Hmac.sha256Hex(internalSecret, "r".repeat(40)), "r".repeat(40)));
            JsonNode hello = client.awaitType("hello", WAIT);
            assertThat(hello.path("hello").path("sessionid").asText()).isNotEmpty();
        }
        try (SignalingClient client = connect()) {
            client.send(internalHello(Hmac.sha256Hex("not-the-internal-secret", "s".repeat(40)), "s".repeat(40)));
            JsonNode error = client.awaitType("error", WAIT);
            assertThat(error.path("error").path("code").asText()).isEqualTo("invalid_token");
        }
    }

    @Test
    void oneClientAddressHoldsAtMostConnectionsPerAddressWebsocketsWhileOthersStillConnect() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS_PER_ADDRESS; i++) {
                Socket socket = websocketHandshake("127.0.0.9");
                held.add(socket);
                assertThat(statusLine(socket)).as("connection %d", i + 1).contains(" 101 ");
                sayHello(socket);
            }
            // The handshake allowance refills at CONNECTIONS_PER_ADDRESS a minute: wait for a few, so the
            // next refusal can only come from the connection limit.
            Thread.sleep(60_000L * 3 / CONNECTIONS_PER_ADDRESS + 500);
            Socket overLimit = websocketHandshake("127.0.0.9");
            held.add(overLimit);
            assertThat(statusLine(overLimit)).contains(" 429 ");
            Socket otherAddress = websocketHandshake("127.0.0.10");
            held.add(otherAddress);
            assertThat(statusLine(otherAddress)).contains(" 101 ");
            sayHello(otherAddress);

            held.remove(0).close();
            Thread.sleep(500);
            Socket afterOneLeft = websocketHandshake("127.0.0.9");
            held.add(afterOneLeft);
            assertThat(statusLine(afterOneLeft)).as("a freed slot is usable again").contains(" 101 ");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void oneClientAddressOpensConnectionsPerAddressWebsocketsAtOnceAndThenWaitsForTheAllowanceToRefill() throws Exception {
        int upgraded = 0;
        int limited = 0;
        for (int i = 0; i < CONNECTIONS_PER_ADDRESS + 10; i++) {
            try (Socket socket = websocketHandshake("127.0.0.11")) {
                String status = statusLine(socket);
                if (status.contains(" 101 ")) {
                    upgraded++;
                } else if (status.contains(" 429 ")) {
                    limited++;
                }
            }
        }

        // One or two handshakes may be refilled while the loop runs (one a second at this limit).
        assertThat(upgraded).isBetween(CONNECTIONS_PER_ADDRESS, CONNECTIONS_PER_ADDRESS + 3);
        assertThat(upgraded + limited).isEqualTo(CONNECTIONS_PER_ADDRESS + 10);
        assertThat(Files.readString(Path.of(deployment.paths().nginxErrorLog()))).contains("limiting requests");
    }

    /** A WebSocket upgrade of the signaling path over TLS, sent from {@code source} (any 127/8 address is local). */
    Socket websocketHandshake(String source) throws Exception {
        SSLSocketFactory tls = SelfSignedTls.trusting(Files.readString(Path.of(deployment.paths().tlsCertificate())))
                .getSocketFactory();
        SSLSocket socket = (SSLSocket) tls.createSocket(
                InetAddress.getByName(PUBLIC_ADDRESS), 443, InetAddress.getByName(source), 0);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(DOMAIN)));
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(10_000);
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        String request = "GET " + Deployment.SIGNALING_PATH + "spreed HTTP/1.1\r\nHost: " + DOMAIN + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** The server closes a session that has not said hello within seconds: send one, as a masked client frame. */
    void sayHello(Socket socket) throws Exception {
        byte[] payload = ("{\"id\":\"1\",\"type\":\"hello\",\"hello\":{\"version\":\"1.0\",\"auth\":{\"url\":\""
                + nextcloud.authUrl() + "\",\"params\":{\"userid\":\"alice\",\"ticket\":\"ticket-1\"}}}}")
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);   // final fragment, text
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);   // masked, length in the byte
        } else {
            frame.write(0x80 | 126);   // masked, 16-bit length follows
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        byte[] mask = new byte[4];
        new SecureRandom().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        socket.getOutputStream().write(frame.toByteArray());
        socket.getOutputStream().flush();
    }

    static String statusLine(Socket socket) throws Exception {
        StringBuilder line = new StringBuilder();
        InputStream in = socket.getInputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString().strip();
    }

    @Test
    void statsSayTheMcuIsConnected() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI stats = URI.create(deployment.signalingListener().url("http") + "/api/v1/stats");
        JsonNode body = null;
        for (int attempt = 0; attempt < 30; attempt++) {
            body = JSON.readTree(http.send(HttpRequest.newBuilder(stats).build(), HttpResponse.BodyHandlers.ofString()).body());
            if (body.path("mcu").path("connected").asBoolean()) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(body.path("mcu").path("connected").asBoolean()).as("stats: %s\n%s", body, daemons.logTails()).isTrue();
        assertThat(daemons.logText("signaling")).contains("Connected to Janus WebRTC Server");
        assertThat(daemons.logText("signaling")).doesNotContain("Full-Trickle is NOT enabled");
    }

    @Test
    void turnAllocatesWithRestCredentialsFromTheTurnSecretAndRelaysToThePublicAddress() throws Exception {
        TurnRun run = turnClient(PUBLIC_ADDRESS);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).as("every message went through the relay and back")
                .contains("tot_send_msgs=10, tot_recv_msgs=10")
                .containsPattern("Total lost packets 0 \\(0\\.0+%\\)");
    }

    @Test
    void turnRefusesToRelayIntoDeniedRanges() throws Exception {
        TurnRun run = turnClient("127.0.0.1");

        assertThat(run.output()).as("coturn must answer CreatePermission to 127.0.0.1 with 403 Forbidden IP")
                .containsPattern("error 403|403 \\(Forbidden IP\\)|Forbidden IP")
                .doesNotContain("tot_recv_msgs=10");
    }

    @Test
    void onlyNginxAndCoturnListenOnThePublicAddressAndInternalServicesOnLoopback() throws Exception {
        Process ss = new ProcessBuilder("ss", "-Hltun").redirectErrorStream(true).start();
        String sockets = new String(ss.getInputStream().readAllBytes());
        ss.waitFor();

        for (int port : List.of(deployment.signalingListener().port(), deployment.janusWebsocket().port(),
                deployment.nats().port())) {
            assertThat(sockets.lines().filter(l -> l.contains(":" + port + " ")))
                    .as("listeners on port %d:\n%s", port, sockets)
                    .isNotEmpty()
                    .allSatisfy(l -> assertThat(l).contains("127.0.0.1:" + port + " "));
        }
        assertThat(sockets).as("Janus HTTP and admin transports must be off").doesNotContain(":8088 ").doesNotContain(":7088 ");
    }

    record TurnRun(int exitCode, String output) {
    }

    /** coturn's own client: allocate on the public address, then send to {@code peer} through the relay. */
    @Test
    void coturnRefusesTcpRelaysWhichWouldReachTheHostsOwnTcpPortsPastTheCloudFirewall() throws Exception {
        TurnRun run = turnClient(PUBLIC_ADDRESS, "-t", "-T");

        assertThat(run.output()).as("WebRTC relays UDP only; a TCP relay to the public address would reach sshd")
                .containsPattern("442|Unsupported Transport");
        assertThat(run.output()).doesNotContain("tot_recv_msgs=10");
    }

    TurnRun turnClient(String peer, String... options) throws Exception {
        String username = (System.currentTimeMillis() / 1000 + 3600) + ":talk-hpb-test";
        String password = Hmac.turnPassword(secrets.valueOf(Deployment.TURN_SECRET), username);
        List<Process> started = new ArrayList<>();
        try {
            Process peerProcess = new ProcessBuilder("turnutils_peer", "-L", peer, "-p", "3480")
                    .redirectErrorStream(true).redirectOutput(root.resolve("logs/turn-peer.log").toFile()).start();
            started.add(peerProcess);
            Thread.sleep(300);
            List<String> command = new ArrayList<>(List.of("turnutils_uclient", "-u", username, "-w", password,
                    "-e", peer, "-r", "3480", "-n", "5", "-m", "1", "-p", Integer.toString(deployment.turnPort())));
            command.addAll(List.of(options));
            command.add(PUBLIC_ADDRESS);
            Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
            started.add(client);
            String output;
            try (InputStream in = client.getInputStream()) {
                output = new String(in.readAllBytes());
            }
            boolean finished = client.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            return new TurnRun(finished ? client.exitValue() : -1, output);
        } finally {
            started.forEach(Process::destroyForcibly);
        }
    }

    SignalingClient connect() throws Exception {
        SignalingClient client = SignalingClient.connect(https, publicUrl("wss", Deployment.SIGNALING_PATH + "spreed"));
        client.awaitType("welcome", WAIT);
        return client;
    }

    JsonNode helloAsAlice(SignalingClient client) throws Exception {
        client.send("{\"id\":\"1\",\"type\":\"hello\",\"hello\":{\"version\":\"1.0\",\"auth\":{\"url\":\""
                + nextcloud.authUrl() + "\",\"params\":{\"userid\":\"alice\",\"ticket\":\"ticket-1\"}}}}");
        return client.awaitType("hello", WAIT);
    }

    @Test
    void verifyPassesEveryCheckAgainstTheRealDaemons(@TempDir Path dir) throws Exception {
        CliRun run = verify(dir, backendSecret, secrets.valueOf(Deployment.TURN_SECRET));

        assertThat(run.status()).as(run.out() + run.err()).isZero();
        for (String check : List.of("dns", "connect", "tls", "welcome", "version", "features", "clock", "websocket", "backend", "stun", "turn",
                "turns")) {
            // 2.0.2 lacks optional features the newest Talk uses: a warning, not a failure.
            assertThat(run.out()).as(run.out()).containsPattern("(?m)^" + (check.equals("features") ? "WARN" : "PASS") + "  " + check + " ");
        }
        assertThat(run.out()).contains("12 passed, 0 failed, 0 skipped").contains("expires in").contains("allocated relay 127.0.0.5:")
                .as("TURN over TLS on the HTTPS port, by name, relays at the public address as plain TURN does")
                .containsPattern("(?m)^PASS  turns +allocated relay 127\\.0\\.0\\.5:[0-9]+ over TLS to " + TURNS_NAME + " on " + DOMAIN + ":443");
    }

    @Test
    void verifyFailsOnWrongSecretsAndSaysWhatDiffers(@TempDir Path dir) throws Exception {
        CliRun run = verify(dir, randomAlphanumeric(64), randomAlphanumeric(40));

        assertThat(run.status()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).containsPattern("(?m)^FAIL  backend .*HTTP 403")
                .containsPattern("(?m)^FAIL  turn .*allocation refused: 401")
                .containsPattern("(?m)^FAIL  turns .*allocation refused: 401")
                .contains("The shared secret or the Nextcloud URL differs")
                .containsPattern("(?m)^PASS  websocket ").contains("9 passed, 3 failed");
    }

    @Test
    void verifyWithoutSecretsSkipsTheirChecksAndTrustsOnlyTheGivenCertificate(@TempDir Path dir) throws Exception {
        String url = "https://" + DOMAIN + Deployment.SIGNALING_PATH;
        CliRun skipped = CliRun.of("verify", "--url", url, "--turn-port", Integer.toString(deployment.turnPort()),
                "--ca-file", deployment.paths().tlsCertificate());
        CliRun untrusted = CliRun.of("verify", "--url", url, "--turn-port", Integer.toString(deployment.turnPort()));

        assertThat(skipped.status()).as(skipped.out()).isZero();
        assertThat(skipped.out()).containsPattern("(?m)^SKIP  backend ").containsPattern("(?m)^SKIP  turn ")
                .contains("--turn-secret-file").contains("9 passed, 0 failed, 2 skipped");
        assertThat(untrusted.status()).isEqualTo(1);
        assertThat(untrusted.out()).containsPattern("(?m)^FAIL  tls .*no valid certificate for " + DOMAIN)
                .containsPattern("(?m)^PASS  stun ");
    }

    @Test
    void verifyOfANameThatDoesNotResolveSaysSoOnceAndSkipsTheRest() {
        CliRun run = CliRun.of("verify", "--url", "https://nowhere.talk-hpb.test" + Deployment.SIGNALING_PATH);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).containsPattern("(?m)^FAIL  dns +nowhere.talk-hpb.test does not resolve")
                .contains("publicIpv4").contains("0 passed, 1 failed, 10 skipped");
    }

    @Test
    void verifyOfAPortThatRefusesConnectionsSaysSoOnceInsteadOfAFailurePerCheck() {
        CliRun run = CliRun.of("verify", "--url", "https://" + DOMAIN + ":4444" + Deployment.SIGNALING_PATH,
                "--turn-port", Integer.toString(deployment.turnPort()));

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).containsPattern("(?m)^FAIL  connect +cannot connect to " + DOMAIN + ":4444 \\(Connection refused")
                .containsPattern("(?m)^SKIP  welcome +needs a connection to " + DOMAIN + ":4444")
                .containsPattern("(?m)^PASS  stun ").contains("2 passed, 1 failed, 8 skipped");
    }

    CliRun verify(Path dir, String sharedSecret, String turnSecret) throws Exception {
        Path secretFile = Files.writeString(dir.resolve("shared-secret"), sharedSecret + "\n");
        Path turnSecretFile = Files.writeString(dir.resolve("turn-secret"), turnSecret);
        return CliRun.of("verify", "--url", "https://" + DOMAIN + Deployment.SIGNALING_PATH,
                "--nextcloud-url", nextcloud.baseUrl().toString(), "--secret-file", secretFile.toString(),
                "--turn-secret-file", turnSecretFile.toString(), "--turn-port", Integer.toString(deployment.turnPort()),
                "--turns-name", TURNS_NAME, "--ca-file", deployment.paths().tlsCertificate());
    }

    String internalHello(String token, String random) {
        return "{\"id\":\"1\",\"type\":\"hello\",\"hello\":{\"version\":\"1.0\",\"auth\":{\"type\":\"internal\",\"params\":{"
                + "\"random\":\"" + random + "\",\"token\":\"" + token + "\",\"backend\":\"" + nextcloud.baseUrl() + "/\"}}}}";
    }

    HttpResponse<String> backendRequest(String roomId, String body, String secret) throws Exception {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String random = HexFormat.of().formatHex(bytes);
        HttpRequest request = HttpRequest.newBuilder(publicUrl("https", Deployment.SIGNALING_PATH + "api/v1/room/" + roomId))
                .header("Content-Type", "application/json")
                .header("Spreed-Signaling-Random", random)
                .header("Spreed-Signaling-Checksum", Hmac.sha256Hex(secret, random + body))
                .header("Spreed-Signaling-Backend", nextcloud.baseUrl() + "/")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return https.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static String randomAlphanumeric(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
