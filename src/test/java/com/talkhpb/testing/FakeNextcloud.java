package com.talkhpb.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.talkhpb.verify.Hmac;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * A Nextcloud that answers the signaling server's backend requests the way Talk does, and checks each
 * request's checksum exactly as Talk does: hex(HMAC-SHA256(secret, Spreed-Signaling-Random + body)).
 * Runs on 127.0.0.1 only.
 */
public final class FakeNextcloud implements AutoCloseable {
    public static final String BACKEND_PATH = "/ocs/v2.php/apps/spreed/api/v3/signaling/backend";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RANDOM = Pattern.compile("[0-9a-f]{64}");

    /** One backend request the fake received: its type, and whether its checksum was valid. */
    public record Request(String type, boolean validChecksum, JsonNode body) {
    }

    private final HttpServer server;
    private final String scheme;
    private final String host;
    private final String secret;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private String helloV2TokenKey;

    /** Plain HTTP on 127.0.0.1, named by its address. */
    public FakeNextcloud(String secret) throws IOException {
        this(secret, HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16), "http", "127.0.0.1");
    }

    /** HTTPS on 127.0.0.1 with {@code tls}, named {@code host} in its URLs (for clients that map the name). */
    public static FakeNextcloud https(String secret, javax.net.ssl.SSLContext tls, String host) throws IOException {
        com.sun.net.httpserver.HttpsServer server = com.sun.net.httpserver.HttpsServer.create(
                new InetSocketAddress("127.0.0.1", 0), 16);
        server.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
        return new FakeNextcloud(secret, server, "https", host);
    }

    private FakeNextcloud(String secret, HttpServer server, String scheme, String host) {
        this.secret = secret;
        this.server = server;
        this.scheme = scheme;
        this.host = host;
        server.createContext("/ocs/v2.php/cloud/capabilities", this::capabilities);
        server.createContext(BACKEND_PATH, this::backend);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI baseUrl() {
        return URI.create(scheme + "://" + host + ":" + port());
    }

    public URI authUrl() {
        return URI.create(baseUrl() + BACKEND_PATH);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * Runs a fake Nextcloud until killed, for daemons in another network namespace. Usage:
     * FakeNextcloud <port> <file with the shared secret> [<file with a hello v2 public key, as Nextcloud publishes it>]
     */
    public static void main(String[] args) throws Exception {
        String secret = java.nio.file.Files.readString(java.nio.file.Path.of(args[1])).strip();
        FakeNextcloud nextcloud = new FakeNextcloud(secret,
                HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 64), "http", "127.0.0.1");
        if (args.length > 2) {
            nextcloud.acceptHelloV2Tokens(java.nio.file.Files.readString(java.nio.file.Path.of(args[2])).strip());
        }
        System.out.println("fake Nextcloud at " + nextcloud.baseUrl());
        Thread.currentThread().join();
    }

    /** Publishes the key that signs hello v2 tokens in the capabilities, as Talk does (config signaling hello-v2-token-key). */
    public void acceptHelloV2Tokens(String publicKey) {
        this.helloV2TokenKey = publicKey;
    }

    private void capabilities(HttpExchange exchange) throws IOException {
        ObjectNode spreed = JSON.createObjectNode();
        spreed.putArray("features").add("audio").add("video");
        ObjectNode config = spreed.putObject("config");
        if (helloV2TokenKey != null) {
            config.putObject("signaling").put("hello-v2-token-key", helloV2TokenKey);
        }
        ObjectNode capabilities = JSON.createObjectNode();
        capabilities.putObject("capabilities").set("spreed", spreed);
        respond(exchange, 200, ocs(capabilities));
    }

    private void backend(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String random = exchange.getRequestHeaders().getFirst("Spreed-Signaling-Random");
        String checksum = exchange.getRequestHeaders().getFirst("Spreed-Signaling-Checksum");
        String text = new String(body, StandardCharsets.UTF_8);
        boolean valid = random != null && RANDOM.matcher(random).matches() && checksum != null
                && checksum.equals(Hmac.sha256Hex(secret, random + text));
        JsonNode request = JSON.readTree(text);
        String type = request.path("type").asText();
        requests.add(new Request(type, valid, request));
        if (!valid) {
            ObjectNode error = JSON.createObjectNode();
            error.put("type", "error");
            error.putObject("error").put("code", "invalid_request").put("message", "The checksum is invalid.");
            respond(exchange, 403, ocs(error));
            return;
        }
        ObjectNode data = JSON.createObjectNode();
        data.put("type", type);
        switch (type) {
            case "auth" -> {
                ObjectNode auth = data.putObject("auth");
                auth.put("version", "1.0");
                String userid = request.path("auth").path("params").path("userid").asText("");
                auth.put("userid", userid.isEmpty() ? "alice" : userid);
                auth.putObject("user").put("displayname", "Alice");
            }
            case "room" -> {
                JsonNode room = request.path("room");
                ObjectNode answer = data.putObject("room");
                answer.put("version", "1.0");
                answer.put("roomid", room.path("roomid").asText());
                answer.putObject("properties").put("name", "Test room").put("type", 3);
                answer.putArray("permissions").add("publish-media").add("publish-screen");
            }
            case "ping" -> data.putObject("room").put("version", "1.0");
            default -> { }
        }
        respond(exchange, 200, ocs(data));
    }

    private static JsonNode ocs(JsonNode data) {
        ObjectNode envelope = JSON.createObjectNode();
        ObjectNode ocs = envelope.putObject("ocs");
        ocs.putObject("meta").put("status", "ok").put("statuscode", 200).put("message", "OK");
        ocs.set("data", data);
        return envelope;
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
