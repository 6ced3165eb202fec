package com.talkhpb.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * install-bundle.sh run by bash with stand-ins for systemctl, journalctl and nginx (which keep state
 * and can refuse a configuration, fail to start, or kill the run half way): what changed restarts and
 * nothing else, a refused or failing configuration is rolled back to the last good one, and a run that
 * died half way is finished by the next.
 */
class InstallBundleScriptTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;
    Path root;
    Path fake;
    Path bin;
    Path state;
    Path script;

    record Run(int status, String out) {
    }

    @BeforeEach
    void stage() throws Exception {
        root = Files.createDirectories(work.resolve("root"));
        fake = Files.createDirectories(work.resolve("systemd"));
        bin = Files.createDirectories(work.resolve("bin"));
        state = work.resolve("state");
        for (String tool : List.of("systemctl", "journalctl", "nginx")) {
            try (InputStream in = getClass().getResourceAsStream("fake-systemd/" + tool)) {
                Path copy = bin.resolve(tool);
                Files.write(copy, in.readAllBytes());
                copy.toFile().setExecutable(true);
            }
        }
        script = work.resolve("install-bundle.sh");
        Files.writeString(script, ProvisioningScripts.helper("install-bundle.sh"));
        Files.createDirectories(fake.resolve("conf"));
        Files.writeString(fake.resolve("conf/alpha"), path("alpha.conf"));
        Files.writeString(fake.resolve("conf/nginx"), path("nginx/site.conf"));
    }

    String path(String relative) {
        return root.resolve(relative).toString();
    }

    String bundle(String alpha, String nginx) throws Exception {
        String user = System.getProperty("user.name");
        String group = new String(new ProcessBuilder("id", "-gn").start().getInputStream().readAllBytes()).strip();
        List<Map<String, Object>> files = new ArrayList<>();
        files.add(file(path("alpha.conf"), alpha, "alpha", "restart", user, group));
        files.add(file(path("nginx/site.conf"), nginx, "nginx", "reload", user, group));
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("format", 1);
        bundle.put("files", files);
        bundle.put("services", List.of("alpha", "nginx"));
        bundle.put("remove", List.of(Map.of("path", path("nginx/default"), "service", "nginx", "action", "reload")));
        return JSON.writeValueAsString(bundle);
    }

    static Map<String, Object> file(String path, String content, String service, String action, String user, String group) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("path", path);
        file.put("mode", "0640");
        file.put("owner", user);
        file.put("group", group);
        file.put("service", service);
        file.put("action", action);
        file.put("secret", true);
        file.put("content", content);
        return file;
    }

    Run install(String bundle) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("FAKE_SYSTEMD", fake.toString());
        builder.environment().put("TALK_HPB_STATE_DIR", state.toString());
        builder.environment().put("TALK_HPB_SETTLE_SECONDS", "0");
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
            in.write(bundle.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out);
    }

    List<String> calls() throws Exception {
        Path calls = fake.resolve("calls");
        List<String> lines = Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        Files.deleteIfExists(calls);
        return lines.stream().filter(l -> l.startsWith("restart") || l.startsWith("reload") || l.startsWith("nginx")).toList();
    }

    String content(String relative) throws Exception {
        return Files.readString(root.resolve(relative));
    }

    @Test
    void aFirstInstallStartsEveryServiceAndKeepsTheFilesAsTheLastGoodOnes() throws Exception {
        Files.createDirectories(root.resolve("nginx"));
        Files.writeString(root.resolve("nginx/default"), "Debian's default site");

        Run run = install(bundle("alpha 1", "site 1"));

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(content("alpha.conf")).isEqualTo("alpha 1");
        assertThat(root.resolve("nginx/default")).as("obsolete files are removed").doesNotExist();
        assertThat(calls()).containsExactly("nginx -t -q", "restart alpha", "restart nginx");
        assertThat(state.resolve("pending-restarts")).doesNotExist();
        assertThat(Files.readString(state.resolve("last-good" + path("alpha.conf")))).isEqualTo("alpha 1");
        assertThat(run.out()).contains("talk-hpb: bundle installed");
    }

    @Test
    void theSameBundleAgainTouchesNothingAndAChangeActsOnItsOwnServiceOnly() throws Exception {
        install(bundle("alpha 1", "site 1"));
        calls();

        Run again = install(bundle("alpha 1", "site 1"));
        assertThat(again.status()).as(again.out()).isZero();
        assertThat(calls()).isEmpty();

        Run changed = install(bundle("alpha 1", "site 2"));
        assertThat(changed.status()).as(changed.out()).isZero();
        assertThat(calls()).containsExactly("nginx -t -q", "reload nginx");
    }

    /** The signaling server's config with a media proxy list: only [mcu] url's change is reloadable. */
    String signalingBundle(String content) throws Exception {
        String user = System.getProperty("user.name");
        String group = new String(new ProcessBuilder("id", "-gn").start().getInputStream().readAllBytes()).strip();
        Map<String, Object> file = file(path("alpha.conf"), content, "alpha", "restart", user, group);
        file.put("reloadableKey", "mcu.url");
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("format", 1);
        bundle.put("files", List.of(file));
        bundle.put("services", List.of("alpha"));
        return JSON.writeValueAsString(bundle);
    }

    @Test
    void aChangeOfOnlyTheReloadableKeyReloadsTheServiceAndAnyOtherChangeRestartsIt() throws Exception {
        String before = "[backend]\nurl = http://cloud\n[mcu]\ntype = proxy\nurl = http://10.0.0.11:9090\n";
        install(signalingBundle(before));
        calls();

        Run added = install(signalingBundle(before.replace("url = http://10.0.0.11:9090", "url = http://10.0.0.11:9090 http://10.0.0.12:9090")));
        assertThat(added.status()).as(added.out()).isZero();
        assertThat(added.out()).contains("only mcu.url changed");
        assertThat(calls()).containsExactly("reload alpha");

        Run backend = install(signalingBundle(before.replace("url = http://cloud", "url = http://other-cloud")));
        assertThat(backend.status()).as(backend.out()).isZero();
        assertThat(calls()).as("the same key in another section is no proxy list").containsExactly("restart alpha");
    }

    @Test
    void aConfigurationTheDaemonsCheckerRefusesIsRolledBackBeforeAnyRestart() throws Exception {
        install(bundle("alpha 1", "site 1"));
        calls();

        Run refused = install(bundle("alpha 2", "site BAD"));

        assertThat(refused.status()).isNotZero();
        assertThat(refused.out()).contains("nginx refuses the new configuration", "unknown directive",
                "put the last good configuration back");
        assertThat(content("nginx/site.conf")).isEqualTo("site 1");
        assertThat(content("alpha.conf")).as("all or nothing: the other file goes back too").isEqualTo("alpha 1");
        assertThat(calls()).containsExactly("nginx -t -q");
    }

    @Test
    void aServiceThatDoesNotComeBackIsRestartedOnTheLastGoodFilesAndTheStepFailsWithItsLog() throws Exception {
        install(bundle("alpha 1", "site 1"));
        calls();

        Run failed = install(bundle("alpha BROKEN", "site 1"));

        assertThat(failed.status()).isNotZero();
        assertThat(failed.out()).contains("alpha did not come back with the new configuration", "fake journal: -u alpha",
                "the services run again on the last good configuration");
        assertThat(content("alpha.conf")).isEqualTo("alpha 1");
        assertThat(calls()).containsExactly("restart alpha", "restart alpha");
        assertThat(fake.resolve("active/alpha")).exists();
        assertThat(Files.readString(state.resolve("pending-restarts")).strip()).isEmpty();
    }

    @Test
    void aRunThatDiesAfterWritingAFileIsFinishedByTheNextRunWhichRestartsWhatItOwed() throws Exception {
        install(bundle("alpha 1", "site 1"));
        calls();
        Files.writeString(fake.resolve("die-on-restart"), "");

        Run died = install(bundle("alpha rotated", "site 1"));
        assertThat(died.status()).as("killed half way").isNotZero();
        assertThat(content("alpha.conf")).as("the file was written, the restart never happened").isEqualTo("alpha rotated");
        assertThat(Files.readString(state.resolve("pending-restarts"))).contains("alpha restart");
        calls();

        Run next = install(bundle("alpha rotated", "site 1"));

        assertThat(next.status()).as(next.out()).isZero();
        assertThat(next.out()).contains("unchanged " + path("alpha.conf"), "an earlier run left alpha to restart");
        assertThat(calls()).containsExactly("restart alpha");
        assertThat(state.resolve("pending-restarts")).doesNotExist();
    }
}
