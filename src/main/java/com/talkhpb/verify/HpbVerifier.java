package com.talkhpb.verify;

import java.io.IOException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.Socket;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Checks a live HPB the way Nextcloud Talk and its clients use it, one {@link Check} per concern.
 * Later checks that need an earlier one's answer are skipped, not failed, when it failed.
 */
public final class HpbVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** What to check and with which secrets; secrets may be absent, which skips their checks. */
    public record Target(URI signalingUrl, int turnPort, SSLContext tls, Optional<String> sharedSecret,
            Optional<URI> nextcloudUrl, Optional<String> turnSecret, Optional<String> turnsName) {
    }

    private final Target target;
    private final HttpClient http;

    public HpbVerifier(Target target) {
        this.target = target;
        this.http = HttpClient.newBuilder().sslContext(target.tls()).connectTimeout(TIMEOUT).build();
    }

    public List<Check> run() {
        List<Check> checks = new ArrayList<>();
        String host = target.signalingUrl().getHost();
        try {
            checks.add(Check.pass("dns", host + " is " + Arrays.stream(InetAddress.getAllByName(host))
                    .map(InetAddress::getHostAddress).collect(Collectors.joining(", "))));
        } catch (UnknownHostException e) {
            checks.add(Check.fail("dns", host + " does not resolve",
                    "Point an A (and AAAA) record at the publicIpv4 (publicIpv6) output, or set dnsZone."));
            for (String name : List.of("connect", "tls", "welcome", "version", "features", "clock", "websocket", "backend", "stun", "turn")) {
                checks.add(Check.skip(name, "needs DNS", ""));
            }
            target.turnsName().ifPresent(name -> checks.add(Check.skip("turns", "needs DNS", "")));
            return checks;
        }
        TurnProbe turn = new TurnProbe(new InetSocketAddress(host, target.turnPort()));
        int port = target.signalingUrl().getPort() > 0 ? target.signalingUrl().getPort() : 443;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
            checks.add(Check.pass("connect", host + ":" + port + " accepts connections"));
        } catch (IOException e) {
            // One clear line instead of the same failure told by every HTTPS check.
            checks.add(Check.fail("connect", "cannot connect to " + host + ":" + port + " (" + describe(e) + ")",
                    "Check that the server runs, that its firewall opens " + port + "/tcp, and that DNS points at it."));
            for (String name : List.of("tls", "welcome", "version", "features", "clock", "websocket", "backend")) {
                checks.add(Check.skip(name, "needs a connection to " + host + ":" + port, ""));
            }
            checks.add(turn.stunBinding());
            checks.add(target.turnSecret().map(turn::allocate).orElse(Check.skip("turn", "no TURN secret given",
                    "Pass --turn-secret-file (pulumi stack output --show-secrets turnSecret).")));
            target.turnsName().ifPresent(name -> checks.add(Check.skip("turns", "needs a connection to " + host + ":" + port, "")));
            return checks;
        }
        checks.add(certificate(host));
        HttpResponse<String> welcome = null;
        try {
            welcome = http.send(HttpRequest.newBuilder(endpoint("api/v1/welcome")).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            checks.add(Check.fail("welcome", "GET " + endpoint("api/v1/welcome") + " failed: " + describe(e),
                    "Check DNS, the firewall (443/tcp) and nginx on the HPB."));
        }
        if (welcome != null) {
            checks.addAll(fromWelcome(welcome));
        } else {
            for (String name : List.of("version", "features", "clock")) {
                checks.add(Check.skip(name, "needs the welcome response", ""));
            }
        }
        checks.add(webSocket());
        checks.add(backendRequest());
        checks.add(turn.stunBinding());
        checks.add(target.turnSecret().map(turn::allocate).orElse(Check.skip("turn", "no TURN secret given",
                "Pass --turn-secret-file (pulumi stack output --show-secrets turnSecret).")));
        target.turnsName().ifPresent(name -> checks.add(target.turnSecret()
                .map(secret -> new TurnProbe(new InetSocketAddress(host, port)).allocateOverTls(secret, name, port, target.tls()))
                .orElse(Check.skip("turns", "no TURN secret given", "Pass --turn-secret-file."))));
        return checks;
    }

    private URI endpoint(String path) {
        return target.signalingUrl().resolve(path);
    }

    private Check certificate(String host) {
        int port = target.signalingUrl().getPort() > 0 ? target.signalingUrl().getPort() : 443;
        try (SSLSocket socket = (SSLSocket) target.tls().getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            return Verdicts.certificateExpiry(host, leaf.getNotAfter().toInstant(), Instant.now());
        } catch (Exception e) {
            return Check.fail("tls", "no valid certificate for " + host + ": " + describe(e),
                    "With tlsMode acme, check that DNS points at the HPB and port 80 is open; for a self-signed test stack pass --ca-file.");
        }
    }

    private List<Check> fromWelcome(HttpResponse<String> response) {
        List<Check> checks = new ArrayList<>();
        String version;
        try {
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !"Welcome".equals(body.path("nextcloud-spreed-signaling").asText())) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            version = body.path("version").asText();
            checks.add(Check.pass("welcome", "HTTP 200 from " + response.uri()));
        } catch (Exception e) {
            checks.add(Check.fail("welcome", response.uri() + " is not the signaling server's welcome (" + describe(e) + ")",
                    "nginx must proxy " + target.signalingUrl().getPath() + " to the signaling server."));
            version = null;
        }
        checks.add(version == null ? Check.skip("version", "needs the welcome response", "") : Verdicts.version(version));
        checks.add(Verdicts.features(response.headers().firstValue("X-Spreed-Signaling-Features").orElse("")));
        checks.add(response.headers().firstValue("Date").map(date -> Verdicts.clock(date, Instant.now()))
                .orElse(Check.fail("clock", "no Date header", "Check what answers in front of the HPB.")));
        return checks;
    }

    private Check webSocket() {
        URI uri = URI.create(endpoint("spreed").toString().replaceFirst("^http", "ws"));
        CompletableFuture<String> firstFrame = new CompletableFuture<>();
        StringBuilder text = new StringBuilder();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    firstFrame.complete(text.toString());
                }
                socket.request(1);
                return null;
            }
        };
        WebSocket socket = null;
        try {
            socket = http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(uri, listener).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonNode frame = JSON.readTree(firstFrame.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            if (!"welcome".equals(frame.path("type").asText())) {
                return Check.fail("websocket", "first frame is '" + frame.path("type").asText() + "', not welcome", "Check the signaling server's log.");
            }
            return Check.pass("websocket", "upgraded at " + uri + ", server welcome frame received");
        } catch (Exception e) {
            return Check.fail("websocket", "no WebSocket at " + uri + ": " + describe(e),
                    "nginx must pass Upgrade and Connection headers for " + target.signalingUrl().getPath() + "spreed.");
        } finally {
            if (socket != null) {
                socket.abort();
            }
        }
    }

    /** A signed message to a room nobody is in: accepted exactly when Nextcloud's secret and URL are configured. */
    private Check backendRequest() {
        if (target.sharedSecret().isEmpty() || target.nextcloudUrl().isEmpty()) {
            return Check.skip("backend", "no shared secret and Nextcloud URL given",
                    "Pass --secret-file and --nextcloud-url (pulumi stack output --show-secrets sharedSecrets).");
        }
        byte[] randomBytes = new byte[32];
        new SecureRandom().nextBytes(randomBytes);
        String random = HexFormat.of().formatHex(randomBytes);
        String body = "{\"type\":\"message\",\"message\":{\"data\":{\"type\":\"talk-hpb-verify\"}}}";
        URI room = endpoint("api/v1/room/talk-hpb-verify-" + random.substring(0, 8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(room).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Spreed-Signaling-Random", random)
                    .header("Spreed-Signaling-Checksum", Hmac.sha256Hex(target.sharedSecret().get(), random + body))
                    .header("Spreed-Signaling-Backend", target.nextcloudUrl().get().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return Check.pass("backend", "signed request from " + target.nextcloudUrl().get() + " accepted");
            }
            return Check.fail("backend", "signed request from " + target.nextcloudUrl().get() + " refused (HTTP "
                    + response.statusCode() + ")", "The shared secret or the Nextcloud URL differs from the HPB's [backend] settings.");
        } catch (Exception e) {
            return Check.fail("backend", "POST " + room + " failed: " + describe(e), "Check nginx and the signaling server.");
        }
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
