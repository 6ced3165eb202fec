package com.talkhpb.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.talkhpb.model.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Call plans for the call client (call-client.py) against an HPB at {@code domain} with its
 * self-signed certificate: alice and bob with hello v2 tokens of the fake Nextcloud, marked in the
 * call through the backend API. Each plan is written to {@code <work>/<name>.json}.
 */
public final class CallPlans {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path work;
    private final String domain;
    private final String nextcloudUrl;
    private final String sharedSecret;
    private final HelloV2Tokens tokens;

    public CallPlans(Path work, String domain, String nextcloudUrl, String sharedSecret, HelloV2Tokens tokens) {
        this.work = work;
        this.domain = domain;
        this.nextcloudUrl = nextcloudUrl;
        this.sharedSecret = sharedSecret;
        this.tokens = tokens;
    }

    public static ObjectNode harness(String participants) {
        return JSON.createObjectNode().put("participants", participants);
    }

    /** A plan in a room of its own ({@code room-<name>}); {@code extra} adds keys (TURN servers, a timeline). */
    public Path plan(String name, String scenario, int seconds, ObjectNode harness, Consumer<ObjectNode> extra) throws Exception {
        String room = "room-" + name;
        ObjectNode plan = JSON.createObjectNode();
        plan.put("signalingUrl", "wss://" + domain + Deployment.SIGNALING_PATH + "spreed");
        plan.put("caFile", "/etc/talk-hpb/tls/fullchain.pem");
        plan.put("room", room);
        plan.put("seconds", seconds);
        plan.put("scenario", scenario);
        plan.set("harness", harness);
        plan.putObject("backend").put("apiUrl", "https://" + domain + Deployment.SIGNALING_PATH)
                .put("secret", sharedSecret).put("nextcloudUrl", nextcloudUrl);
        ArrayNode participants = plan.putArray("participants");
        for (String user : List.of("alice", "bob")) {
            ObjectNode participant = participants.addObject();
            participant.put("name", user);
            participant.put("roomSessionId", "nc-" + user + "-" + room);
            participant.set("hello", tokens.hello(nextcloudUrl, nextcloudUrl + FakeNextcloud.BACKEND_PATH, user));
        }
        extra.accept(plan);
        return Files.writeString(work.resolve(name + ".json"), plan.toString());
    }
}
