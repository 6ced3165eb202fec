package com.talkhpb.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code verify --call}: two internal clients (the signaling server's internal secret, as Talk's SIP
 * bridge authenticates) join a throwaway room, each publishes audio and video to Janus and subscribes to
 * the other; the call client decodes and counts the frames. Internal clients need no Nextcloud user or
 * room, so the check touches nothing on Nextcloud. The media stack is Debian's python3-aiortc, run
 * as a separate process that gets its plan, secrets included, on stdin.
 */
public final class CallCheck {
    static final String CLIENT = "/com/talkhpb/verify/call-client.py";
    static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the call needs: where, as whom, and optionally TURN to offer the participants. */
    public record Call(URI signalingUrl, URI nextcloudUrl, String internalSecret, Optional<Path> caFile, int turnPort,
            Optional<String> turnSecret, int seconds) {
    }

    private final Call call;

    public CallCheck(Call call) {
        this.call = call;
    }

    public Check run() {
        Optional<String> missing = missingMediaStack();
        if (missing.isPresent()) {
            return Check.fail("call", "no WebRTC stack here to make the call: " + missing.get(),
                    "On Debian 12: apt-get install python3-aiortc python3-websockets");
        }
        Path client = null;
        try {
            client = Files.createTempFile("talk-hpb-call-client-", ".py");
            try (InputStream in = CallCheck.class.getResourceAsStream(CLIENT)) {
                Files.write(client, in.readAllBytes());
            }
            Process process = new ProcessBuilder(PYTHON, client.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().write(JSON.writeValueAsBytes(plan()));
            process.getOutputStream().close();
            String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(call.seconds() * 4L + 120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Check.fail("call", "the call client did not finish", "Run verify --call again; check the HPB's load.");
            }
            return Verdicts.call(report.isBlank() ? null : JSON.readTree(report), call.seconds());
        } catch (Exception e) {
            return Check.fail("call", "could not run the call client: " + e.getMessage(), "");
        } finally {
            if (client != null) {
                client.toFile().delete();
            }
        }
    }

    ObjectNode plan() throws Exception {
        ObjectNode plan = JSON.createObjectNode();
        URI url = call.signalingUrl();
        String websocket = "wss://" + url.getRawAuthority() + url.getRawPath() + (url.getRawPath().endsWith("/") ? "" : "/") + "spreed";
        plan.put("signalingUrl", websocket);
        // The client dials the address this JVM resolves (the one the other checks reached); the name
        // stays in the URL for TLS. TURN is named by that address too.
        String address = InetAddress.getByName(url.getHost()).getHostAddress();
        plan.put("connectTo", address);
        call.caFile().ifPresent(file -> plan.put("caFile", file.toAbsolutePath().toString()));
        plan.put("room", "talk-hpb-verify-" + random(8));
        plan.put("seconds", call.seconds());
        ArrayNode participants = plan.putArray("participants");
        for (String name : List.of("first", "second")) {
            ObjectNode participant = participants.addObject();
            participant.put("name", name);
            participant.set("hello", internalHello());
        }
        // aiortc 1.4 cannot parse a TURN URL with an IPv6 address: an IPv6-only HPB is called directly.
        call.turnSecret().filter(secret -> !address.contains(":")).ifPresent(secret -> {
            String hostPort = address + ":" + call.turnPort();
            plan.putArray("iceServers").addObject().putArray("urls")
                    .add("turn:" + hostPort + "?transport=udp").add("turn:" + hostPort + "?transport=tcp");
            plan.put("turnSecret", secret);
        });
        return plan;
    }

    /** An internal client's hello: a random and its HMAC under the internal secret, for a configured backend. */
    ObjectNode internalHello() {
        String random = random(32);
        ObjectNode hello = JSON.createObjectNode();
        hello.put("version", "1.0");
        ObjectNode auth = hello.putObject("auth");
        auth.put("type", "internal");
        auth.putObject("params").put("random", random).put("token", Hmac.sha256Hex(call.internalSecret(), random))
                .put("backend", call.nextcloudUrl().toString().replaceAll("/+$", "") + "/");
        return hello;
    }

    static Optional<String> missingMediaStack() {
        try {
            Process probe = new ProcessBuilder(PYTHON, "-c", "import aiortc, websockets").redirectErrorStream(true).start();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
                return Optional.of(out.isEmpty() ? "python3 could not import aiortc and websockets" : out.lines().reduce((a, b) -> b).orElse(out));
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of(PYTHON + " is missing");
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
