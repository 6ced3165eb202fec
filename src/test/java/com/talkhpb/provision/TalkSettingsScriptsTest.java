package com.talkhpb.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.model.Deployment;
import com.talkhpb.settings.NextcloudAccess;
import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.Rendered;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Talk settings scripts run by bash against a fake occ that keeps state as Talk does. */
class TalkSettingsScriptsTest {
    static final String SHARED_SECRET = "S".repeat(64);
    static final String TURN_SECRET = "T".repeat(64);
    static final String OUR_URL = "https://hpb.example.com/standalone-signaling/";

    @TempDir
    Path state;
    Path fakeOcc;
    TalkSettingsScripts scripts;

    record Result(int status, String out) {
    }

    @BeforeEach
    void fakeNextcloud() throws Exception {
        fakeOcc = state.resolve("fake-occ.sh");
        try (InputStream in = getClass().getResourceAsStream("fake-occ.sh")) {
            Files.write(fakeOcc, in.readAllBytes());
        }
        scripts = scriptsFor(MapConfig.valid());
        // Another HPB and other TURN/STUN servers the admin configured: they must survive.
        occ("talk:signaling:add", "https://other-hpb.example.org/", "O".repeat(40));
        occ("talk:turn:add", "--secret", "X".repeat(32), "turn", "turn.example.org:3478", "udp");
        occ("talk:stun:add", "stun.nextcloud.com:443");
    }

    TalkSettingsScripts scriptsFor(MapConfig config) {
        Deployment d = Rendered.deployment(config);
        return new TalkSettingsScripts(d, new NextcloudAccess("root", "cloud.example.com", 22, "bash " + fakeOcc, ""));
    }

    Result run(String script, String stdin) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        builder.environment().put("FAKE_OCC_STATE", state.toString());
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), out);
    }

    void occ(String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(new java.util.ArrayList<>(List.of("bash", fakeOcc.toString()))).redirectErrorStream(true);
        builder.command().addAll(List.of(args));
        builder.environment().put("FAKE_OCC_STATE", state.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(out).isZero();
    }

    List<String> lines(String file) throws Exception {
        return Files.readAllLines(state.resolve(file));
    }

    String secrets() {
        return SHARED_SECRET + "\n" + TURN_SECRET + "\n";
    }

    @Test
    void applyingTwiceLeavesOneEntryEachAndKeepsEveryoneElses() throws Exception {
        Result first = run(scripts.apply(), secrets());
        Result second = run(scripts.apply(), secrets());

        assertThat(first.status()).as(first.out()).isZero();
        assertThat(second.status()).as(second.out()).isZero();
        assertThat(lines("signaling")).containsExactly("https://other-hpb.example.org/ false", OUR_URL + " true");
        assertThat(lines("secret")).containsExactly(SHARED_SECRET);
        assertThat(lines("turn")).containsExactly("turn turn.example.org:3478 udp " + "X".repeat(32),
                "turn hpb.example.com:3478 udp,tcp " + TURN_SECRET, "turns turn.hpb.example.com:443 tcp " + TURN_SECRET);
        assertThat(lines("stun")).containsExactly("stun.nextcloud.com:443", "hpb.example.com:3478");
        assertThat(second.out()).contains("talk-hpb: signaling server " + OUR_URL + " set").doesNotContain(SHARED_SECRET);
    }

    @Test
    void entriesAnAdminAddedByHandForThisHpbAreReplacedNotDuplicated() throws Exception {
        occ("talk:signaling:add", OUR_URL, "A".repeat(40));
        occ("talk:signaling:add", OUR_URL.substring(0, OUR_URL.length() - 1), "A".repeat(40));
        occ("talk:turn:add", "--secret", "A".repeat(40), "turn", "hpb.example.com:3478", "udp");

        assertThat(run(scripts.apply(), secrets()).status()).isZero();

        assertThat(lines("signaling")).filteredOn(l -> l.contains("hpb.example.com")).containsExactly(OUR_URL + " true");
        assertThat(lines("turn")).filteredOn(l -> l.contains("hpb.example.com"))
                .containsExactly("turn hpb.example.com:3478 udp,tcp " + TURN_SECRET, "turns turn.hpb.example.com:443 tcp " + TURN_SECRET);
    }

    @Test
    void removingDeletesExactlyWhatWasAdded() throws Exception {
        List<String> signalingBefore = lines("signaling");
        List<String> turnBefore = lines("turn");
        List<String> stunBefore = lines("stun");
        assertThat(run(scripts.apply(), secrets()).status()).isZero();

        Result removed = run(scripts.remove(), "");
        Result removedAgain = run(scripts.remove(), "");

        assertThat(removed.status()).as(removed.out()).isZero();
        assertThat(removedAgain.status()).as("removing twice is harmless").isZero();
        assertThat(lines("signaling")).isEqualTo(signalingBefore);
        assertThat(lines("turn")).isEqualTo(turnBefore);
        assertThat(lines("stun")).isEqualTo(stunBefore);
    }

    @Test
    void aSelfSignedTestStackIsAddedWithoutCertificateVerification() throws Exception {
        TalkSettingsScripts selfSigned = scriptsFor(MapConfig.valid().with("tlsMode", "self-signed").without("acmeEmail"));

        assertThat(run(selfSigned.apply(), secrets()).status()).isZero();

        assertThat(lines("signaling")).contains(OUR_URL + " false");
    }

    @Test
    void whenOccDoesNotWorkNothingIsChangedAndTheScriptFails() throws Exception {
        Deployment d = Rendered.deployment(MapConfig.valid());
        TalkSettingsScripts broken = new TalkSettingsScripts(d, new NextcloudAccess("root", "cloud.example.com", 22,
                "php /nonexistent/occ", ""));

        Result result = run(broken.apply(), secrets());

        assertThat(result.status()).isNotZero();
        assertThat(lines("signaling")).containsExactly("https://other-hpb.example.org/ false");
    }

    @Test
    void destroyFailsLoudlyWhenOccFailsSoTalkIsNeverLeftPointingAtADeadHpbUnnoticed() throws Exception {
        assertThat(run(scripts.apply(), secrets()).status()).isZero();
        Files.writeString(state.resolve("maintenance"), "");

        Result removed = run(scripts.remove(), "");

        assertThat(removed.status()).as("a failing occ must fail the remove step").isNotZero();
        assertThat(removed.out()).contains("maintenance mode").doesNotContain("no longer configured");
        Files.delete(state.resolve("maintenance"));
        assertThat(lines("signaling")).contains(OUR_URL + " true");
    }

    @Test
    void theOccCommandIsAListOfWordsNeverShellText() throws Exception {
        Path marker = state.resolve("injected");
        String hostile = "bash " + fakeOcc + " ;touch " + marker + " $(touch " + marker + ") `touch " + marker + "` & touch " + marker;
        TalkSettingsScripts scripts = new TalkSettingsScripts(Rendered.deployment(MapConfig.valid()),
                new NextcloudAccess("root", "cloud.example.com", 22, hostile, ""));

        Result result = run(scripts.apply(), secrets());

        assertThat(marker).as("nothing in the occ setting ran as a command").doesNotExist();
        assertThat(Files.readString(state.resolve("calls"))).as("the words reach occ as arguments, unchanged")
                .contains(";touch " + marker + " $(touch " + marker + ") `touch " + marker + "` & touch " + marker);
        assertThat(result.status()).isNotZero();
    }

    @Test
    void withoutSecretsOnStandardInputNothingIsChanged() throws Exception {
        Result result = run(scripts.apply(), "");

        assertThat(result.status()).isNotZero();
        assertThat(result.out()).contains("expected the shared secret and the TURN secret on standard input");
        assertThat(Files.readString(state.resolve("calls"))).doesNotContain("talk:signaling:add '" + OUR_URL);
    }
}
