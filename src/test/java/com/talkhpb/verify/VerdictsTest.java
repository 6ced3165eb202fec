package com.talkhpb.verify;

import com.fasterxml.jackson.databind.JsonNode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictsTest {
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    @Test
    void signalingBefore2IsRefusedAnd2OrNewerPasses() {
        assertThat(Verdicts.version("1.2.4-1").status()).isEqualTo(Check.Status.FAIL);
        assertThat(Verdicts.version("0.4.1").advice()).contains("2.0 or newer");
        assertThat(Verdicts.version("2.0.2-2+b2.debian").status()).isEqualTo(Check.Status.PASS);
        assertThat(Verdicts.version("v2.1.0").status()).isEqualTo(Check.Status.PASS);
        assertThat(Verdicts.version("unknown").status()).isEqualTo(Check.Status.FAIL);
    }

    @Test
    void missingFeaturesAreNamed() {
        Check old = Verdicts.features("audio-video-permissions, incall-all, hello-v2, mcu, simulcast");

        assertThat(old.status()).isEqualTo(Check.Status.FAIL);
        assertThat(old.detail()).contains("missing federation, switchto");
        assertThat(Verdicts.features("audio-video-permissions,federation,incall-all,hello-v2,switchto,mcu,dialout,"
                + "join-features,chat-relay,changed-users").status()).isEqualTo(Check.Status.PASS);
    }

    @Test
    void missingOptionalFeaturesAreAWarningThatSaysHowToGetThem() {
        Check current = Verdicts.features("audio-video-permissions,federation,incall-all,hello-v2,switchto,dialout,join-features");

        assertThat(current.status()).isEqualTo(Check.Status.WARN);
        assertThat(current.detail()).contains("optional ones the newest Talk uses are missing: chat-relay, changed-users")
                .doesNotContain("dialout");
        assertThat(current.advice()).contains("talk-hpb:signalingVersion");
    }

    @Test
    void clockSkewBeyondTalks45SecondsFails() {
        assertThat(Verdicts.clock(httpDate(NOW.plusSeconds(45)), NOW).status()).isEqualTo(Check.Status.PASS);
        assertThat(Verdicts.clock(httpDate(NOW.minusSeconds(44)), NOW).status()).isEqualTo(Check.Status.PASS);
        Check behind = Verdicts.clock(httpDate(NOW.minusSeconds(46)), NOW);
        assertThat(behind.status()).isEqualTo(Check.Status.FAIL);
        assertThat(behind.detail()).contains("-46 s");
        assertThat(behind.advice()).contains("chrony");
        assertThat(Verdicts.clock("yesterday", NOW).status()).isEqualTo(Check.Status.FAIL);
    }

    @Test
    void aCertificateCloseToExpiryMeansRenewalIsFailing() {
        assertThat(Verdicts.certificateExpiry("hpb.example.com", NOW.plus(Duration.ofDays(60)), NOW).detail())
                .contains("expires in 60 days");
        assertThat(Verdicts.certificateExpiry("hpb.example.com", NOW.plus(Duration.ofDays(14)), NOW).status())
                .isEqualTo(Check.Status.PASS);
        assertThat(Verdicts.certificateExpiry("hpb.example.com", NOW.plus(Duration.ofDays(13)), NOW).status())
                .as("still valid: Talk works, but renewal is failing").isEqualTo(Check.Status.WARN);
        assertThat(Verdicts.certificateExpiry("hpb.example.com", NOW.plus(Duration.ofDays(13)), NOW).advice())
                .contains("certbot renew --dry-run");
        assertThat(Verdicts.certificateExpiry("hpb.example.com", NOW.minus(Duration.ofDays(1)), NOW).status())
                .isEqualTo(Check.Status.FAIL);
        assertThat(Verdicts.certificateExpiry("hpb.example.com", NOW.minus(Duration.ofDays(1)), NOW).detail())
                .contains("expired");
    }

    static com.fasterxml.jackson.databind.JsonNode callReport(int firstGetsVideo, int secondGetsVideo) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"ok": true, "phases": [{"phase": "call", "participants": [
                  {"name": "first", "session": "A", "received": {"B": {"audio": 400, "video": %d}}, "pairs": {"publisher": ["host-host"]}, "rttMs": 1.0},
                  {"name": "second", "session": "B", "received": {"A": {"audio": 400, "video": %d}}, "pairs": {"publisher": ["relay-host"]}, "rttMs": 3.0}
                ]}]}""".formatted(firstGetsVideo, secondGetsVideo));
    }

    @Test
    void aCallPassesWhenEachParticipantDecodedTheOthersMediaAndSaysHowItWent() throws Exception {
        Check call = Verdicts.call(callReport(240, 238), 8);

        assertThat(call.status()).isEqualTo(Check.Status.PASS);
        assertThat(call.detail()).contains("first decoded 240 video and 400 audio frames of second",
                "second decoded 238 video and 400 audio frames of first", "in 8 s", "round trip 2.0 ms", "ICE pairs host-host, relay-host");
    }

    @Test
    void aCallFailsWhenOneDirectionCarriedTooLittleVideoAndPointsAtTheRtpRange() throws Exception {
        Check call = Verdicts.call(callReport(240, 12), 8);

        assertThat(call.status()).isEqualTo(Check.Status.FAIL);
        assertThat(call.detail()).contains("second decoded 12 video");
        assertThat(call.advice()).contains("rtpPortRange");
    }

    @Test
    void aFailedCallSaysWhichSecretToPassWhenTheServersRefusedIt() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Check turn = Verdicts.call(json.readTree("{\"ok\": false, \"error\": \"TURN refused the allocation: 401 - Unauthorized\"}"), 8);
        Check hello = Verdicts.call(json.readTree("{\"ok\": false, \"error\": \"CallError: first: hello answered {'code': 'invalid_token'}\"}"), 8);

        assertThat(turn.status()).isEqualTo(Check.Status.FAIL);
        assertThat(turn.advice()).contains("turnSecret");
        assertThat(hello.advice()).contains("internalSecret");
        assertThat(Verdicts.call(null, 8).status()).isEqualTo(Check.Status.FAIL);
    }

    @Test
    void withMediaNodesEachProxyIsReportedAsTheSignalingServerSeesItAndOneNotConnectedFails() throws Exception {
        JsonNode stats = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"mcu\":{\"publishers\":3,\"details\":["
                + "{\"url\":\"http://10.77.0.11:9090\",\"connected\":true,\"load\":4096,\"publishers\":3,\"shutdown\":false},"
                + "{\"url\":\"http://10.77.0.12:9090\",\"connected\":true,\"load\":0,\"publishers\":0,\"shutdown\":true},"
                + "{\"url\":\"http://10.77.0.13:9090\",\"connected\":false,\"load\":0,\"publishers\":0}]}}");

        List<Check> checks = Verdicts.mediaServers(stats);

        assertThat(checks).extracting(Check::status).containsExactly(Check.Status.PASS, Check.Status.PASS, Check.Status.FAIL);
        assertThat(checks.get(0).detail()).isEqualTo("http://10.77.0.11:9090 connected, load 4096, 3 publishers");
        assertThat(checks.get(1).detail()).endsWith(", draining");
        assertThat(checks.get(2).detail()).isEqualTo("http://10.77.0.13:9090 is not connected");
    }

    @Test
    void withoutMediaNodesTheHpbsOwnJanusIsReported() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

        assertThat(Verdicts.mediaServers(json.readTree("{\"mcu\":{\"connected\":true}}"))).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(Check.Status.PASS));
        assertThat(Verdicts.mediaServers(json.readTree("{\"mcu\":{\"connected\":false}}"))).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(Check.Status.FAIL));
    }
}
