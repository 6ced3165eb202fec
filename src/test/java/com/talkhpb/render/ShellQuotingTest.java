package com.talkhpb.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.model.Deployment;
import com.talkhpb.model.Topology;
import com.talkhpb.provision.ProvisioningScripts;
import com.talkhpb.settings.SettingsReader;
import com.talkhpb.settings.TlsSettings;
import com.talkhpb.testing.MapConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data never becomes shell text: every value that reaches a generated script passes through
 * {@link Shell#quote}, and bash reads each one back as exactly one argument, whatever it holds.
 */
class ShellQuotingTest {
    @TempDir
    Path work;

    /** Values an attacker who controls one setting, or an unlucky admin, could write. */
    static List<String> hostile(Path marker) {
        return List.of("o'brien@example.com", "'$(touch " + marker + ")'", "$(touch " + marker + ")", "`touch " + marker + "`",
                "a\"b", "a\\'b", "\\", "'", "''", "'\\''", ";touch " + marker, "&& touch " + marker, "| touch " + marker,
                "# not a comment", "a\nb", "carriage\rreturn", "tab\there", "  spaces  ", "*", "~", "$HOME", "${PATH}",
                "-n", "--help", "-", "!", "!!", "<(touch " + marker + ")", ">" + marker, "ünïcödé €", "");
    }

    @Test
    void everyHostileValueArrivesAsOneIntactArgument() throws Exception {
        Path marker = work.resolve("injected");
        List<String> values = hostile(marker);

        List<String> received = arguments("printf '%s\\0' " + Shell.words(values), "");

        assertThat(received).containsExactlyElementsOf(values);
        assertThat(marker).as("no value ran as a command").doesNotExist();
    }

    @Test
    void theConfigureStepHandsASettingToItsHelperAsOneArgumentWhateverItHolds() throws Exception {
        Path marker = work.resolve("injected");
        for (String email : List.of("o'brien@example.com", "'$(touch" + marker + ")'@example.com", "a`touch" + marker + "`@x.example",
                "x;touch" + marker + "@example.com", "\"$HOME\"@example.com")) {
            Deployment deployment = Deployment.of(SettingsReader.read(MapConfig.valid().with("acmeEmail", email)), Topology.PRODUCTION);
            Path library = Files.createDirectories(work.resolve("lib-" + Math.abs(email.hashCode())));
            String script = withStubHelpers(new ProvisioningScripts(deployment).configure(), library);

            arguments(script, "{}");

            List<List<String>> calls = recorded(library, "ensure-certificate.sh");
            assertThat(calls).as(email).extracting(call -> call.get(0)).containsExactly("names-resolve", "stand-in", "acme");
            assertThat(calls.get(2)).as(email).containsExactly("acme", String.join(",", deployment.certificateNames()),
                    deployment.paths().tlsCertificate(),
                    deployment.paths().tlsPrivateKey(), deployment.paths().acmeWebroot(), email, TlsSettings.LETS_ENCRYPT);
            assertThat(marker).as(email).doesNotExist();
        }
    }

    /** The configure script with its helpers replaced by stand-ins in {@code library} that record their arguments. */
    static String withStubHelpers(String script, Path library) throws Exception {
        for (String helper : ProvisioningScripts.HELPERS) {
            Path stub = library.resolve(helper);
            // One record per call: the arguments NUL-separated, then an ASCII record separator.
            Files.writeString(stub, "#!/bin/bash\n{ printf '%s\\0' \"$@\"; printf '\\036'; } >> "
                    + Shell.quote(library.resolve(helper + ".args").toString()) + "\ncat > /dev/null\n");
            stub.toFile().setExecutable(true);
        }
        return script.lines()
                .filter(line -> !line.contains("| base64 -d >") && !line.startsWith("chmod 0755 ") && !line.startsWith("install -d "))
                .map(line -> line.replace(Shell.quote(ProvisioningScripts.LIBRARY + "/").replaceAll("'$", ""), "'" + library + "/"))
                .map(line -> line.startsWith("systemctl ") ? "true" : line)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** Each call of the stub {@code helper}: its arguments. */
    static List<List<String>> recorded(Path library, String helper) throws Exception {
        List<List<String>> calls = new ArrayList<>();
        for (String call : Files.readString(library.resolve(helper + ".args")).split("\u001e")) {
            List<String> arguments = new ArrayList<>(Arrays.asList(call.split("\0", -1)));
            arguments.remove(arguments.size() - 1);
            calls.add(arguments);
        }
        return calls;
    }

    static List<String> arguments(String script, String stdin) throws Exception {
        Process bash = new ProcessBuilder("bash", "-c", script).start();
        try (var in = bash.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = bash.getInputStream().readAllBytes();
        String err = new String(bash.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(err).isZero();
        List<String> parts = new ArrayList<>(Arrays.asList(new String(out, StandardCharsets.UTF_8).split("\0", -1)));
        parts.remove(parts.size() - 1);
        return parts;
    }
}
