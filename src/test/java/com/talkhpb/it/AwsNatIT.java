package com.talkhpb.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.model.Deployment;
import com.talkhpb.model.Topology;
import com.talkhpb.render.Bundle;
import com.talkhpb.render.ExplicitSecretsFirst;
import com.talkhpb.render.HostFacts;
import com.talkhpb.render.SampleSecrets;
import com.talkhpb.settings.SettingsReader;
import com.talkhpb.testing.CliRun;
import com.talkhpb.testing.HpbDaemons;
import com.talkhpb.testing.MapConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The AWS rendering (host behind 1:1 NAT) run by the real daemons: 127.0.0.6 stands for the instance's
 * private address, 198.51.100.40 for its Elastic IP, which no interface carries. Janus must start
 * without STUN and announce the Elastic IP; coturn must hand out relays at the Elastic IP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsNatIT {
    static final String PRIVATE_ADDRESS = "127.0.0.6";
    static final String ELASTIC_IP = "198.51.100.40";
    static final String DOMAIN = "hpb-aws.talk-hpb.test";
    static final String NEXTCLOUD = "https://cloud.example.com";

    Path root;
    Deployment deployment;
    ExplicitSecretsFirst secrets;
    HpbDaemons daemons;

    @BeforeAll
    void startHpb() throws Exception {
        root = Files.createTempDirectory("talk-hpb-aws-it-");
        MapConfig config = MapConfig.valid().with("cloud", "aws").with("domain", DOMAIN)
                .with("nextcloud", "[{\"url\":\"" + NEXTCLOUD + "\"}]")
                .with("tlsMode", "self-signed").without("acmeEmail");
        deployment = Deployment.of(SettingsReader.read(config), Topology.loopbackTest(root, PRIVATE_ADDRESS));
        secrets = new ExplicitSecretsFirst(deployment, new SampleSecrets(UUID.randomUUID().toString()));
        daemons = HpbDaemons.start(Bundle.render(deployment, new HostFacts(ELASTIC_IP, PRIVATE_ADDRESS), secrets));
    }

    @AfterAll
    void stopHpb() {
        if (daemons != null) {
            daemons.close();
        }
    }

    @Test
    void verifyPassesAndTurnRelaysAreAnnouncedAtTheElasticIp() throws Exception {
        Path shared = Files.writeString(root.resolve("shared-secret"), secrets.valueOf(deployment.backends().get(0).secret()));
        Path turn = Files.writeString(root.resolve("turn-secret"), secrets.valueOf(Deployment.TURN_SECRET));

        CliRun run = CliRun.of("verify", "--url", "https://" + DOMAIN + Deployment.SIGNALING_PATH,
                "--nextcloud-url", NEXTCLOUD, "--secret-file", shared.toString(), "--turn-secret-file", turn.toString(),
                "--turn-port", Integer.toString(deployment.turnPort()), "--ca-file", deployment.paths().tlsCertificate());

        assertThat(run.status()).as(run.out() + daemons.logTails()).isZero();
        assertThat(run.out()).contains("11 passed, 0 failed").contains("allocated relay " + ELASTIC_IP + ":");
    }

    @Test
    void janusStartsWithoutStunAndAnnouncesTheElasticIp() throws Exception {
        String janusLog = daemons.logText("janus");

        assertThat(janusLog).as(janusLog).contains("Using nat_1_1_mapping for public IP: " + ELASTIC_IP)
                .doesNotContain("STUN server to use:");
        assertThat(List.of(daemons.logText("signaling"))).anySatisfy(log -> assertThat(log).contains("Connected to Janus"));
    }
}
