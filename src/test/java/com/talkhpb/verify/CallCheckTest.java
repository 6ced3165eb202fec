package com.talkhpb.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallCheckTest {
    static final URI NEXTCLOUD = URI.create("https://cloud.example.com/");

    @Test
    void theClientDialsTheAddressTheOtherChecksResolvedAndKeepsTheNameForTls() throws Exception {
        JsonNode plan = new CallCheck(new CallCheck.Call(URI.create("https://localhost:8443/standalone-signaling/"), NEXTCLOUD,
                "internal", Optional.empty(), 3478, Optional.of("turn"), 8)).plan();

        assertThat(plan.path("signalingUrl").asText()).isEqualTo("wss://localhost:8443/standalone-signaling/spreed");
        assertThat(plan.path("connectTo").asText()).isEqualTo("127.0.0.1");
        assertThat(plan.path("iceServers").path(0).path("urls").toString())
                .doesNotContain("localhost").contains("turn:" + plan.path("connectTo").asText() + ":3478?transport=udp");
    }

    @Test
    void anIpv6OnlyHpbIsCalledWithoutTurnWhichTheClientCannotNameByAnIpv6Address() throws Exception {
        JsonNode plan = new CallCheck(new CallCheck.Call(URI.create("https://[::1]/standalone-signaling/"), NEXTCLOUD,
                "internal", Optional.empty(), 3478, Optional.of("turn"), 8)).plan();

        assertThat(plan.path("connectTo").asText()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(plan.has("iceServers")).isFalse();
    }

    @Test
    void internalHellosAreSignedWithTheInternalSecretForTheGivenBackend() throws Exception {
        JsonNode plan = new CallCheck(new CallCheck.Call(URI.create("https://localhost/standalone-signaling/"), NEXTCLOUD,
                "internal-secret", Optional.empty(), 3478, Optional.empty(), 8)).plan();

        JsonNode params = plan.path("participants").path(0).path("hello").path("auth").path("params");
        assertThat(params.path("token").asText()).isEqualTo(Hmac.sha256Hex("internal-secret", params.path("random").asText()));
        assertThat(params.path("backend").asText()).isEqualTo("https://cloud.example.com/");
        assertThat(plan.has("iceServers")).as("no TURN offered without its secret").isFalse();
    }
}
