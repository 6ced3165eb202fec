package com.talkhpb.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * backend-addresses.py with a stand-in nft that keeps the script it is given: names are looked up with
 * the machine's resolver (localhost, from /etc/hosts), and the sets replaced in one transaction only
 * when every name resolved.
 */
class BackendAddressesScriptTest {
    @TempDir
    Path work;

    record Run(int status, String out, String nftScript) {
    }

    @BeforeEach
    void stage() throws Exception {
        Path nft = work.resolve("nft");
        Files.writeString(nft, "#!/bin/bash\ncat > " + work.resolve("script") + "\n");
        nft.toFile().setExecutable(true);
        Files.writeString(work.resolve("backend-addresses.py"), ProvisioningScripts.helper("backend-addresses.py"));
    }

    Run run(String... targets) throws Exception {
        Files.deleteIfExists(work.resolve("script"));
        List<String> command = new ArrayList<>(List.of("python3", work.resolve("backend-addresses.py").toString(), "inet talk_hpb"));
        command.addAll(List.of(targets));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TALK_HPB_NFT", work.resolve("nft").toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Path script = work.resolve("script");
        return new Run(process.exitValue(), out, Files.exists(script) ? Files.readString(script) : null);
    }

    @Test
    void theSetsAreReplacedWithEveryAddressOfEveryNameOnItsPortInOneTransaction() throws Exception {
        Run run = run("localhost:443", "127.0.0.1:8443");

        assertThat(run.status()).as(run.out()).isZero();
        List<String> lines = run.nftScript().lines().toList();
        assertThat(lines.get(0)).isEqualTo("flush set inet talk_hpb signaling_backends_ipv4");
        assertThat(lines.get(1)).startsWith("add element inet talk_hpb signaling_backends_ipv4 { ").contains("127.0.0.1 . 443", "127.0.0.1 . 8443");
        assertThat(lines).contains("flush set inet talk_hpb signaling_backends_ipv6");
    }

    @Test
    void whenANameDoesNotResolveTheSetsStayAsTheyWereAndItSaysWhich() throws Exception {
        Run run = run("localhost:443", "no-such-host.invalid:443");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.nftScript()).as("nft is not asked").isNull();
        assertThat(run.out()).contains("the backends' addresses stay as they were: cannot resolve no-such-host.invalid");
    }

    @Test
    void aMalformedTargetIsRefusedAndTheSetsStayAsTheyWere() throws Exception {
        Run run = run("localhost:443", "talk_hpb");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.nftScript()).as("nft is not asked").isNull();
        assertThat(run.out()).contains("'talk_hpb' is not <host>:<port>").doesNotContain("Traceback");
    }
}
