package com.talkhpb.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.model.Deployment;
import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.ProgramRun;
import com.talkhpb.testing.Rendered;
import com.talkhpb.testing.TestKeys;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvidedCertificateTest {
    static final String CERTIFICATE = "-----BEGIN CERTIFICATE-----\nMIIBprovided\n-----END CERTIFICATE-----\n";
    static final String KEY = TestKeys.privateKeyPem();

    static MapConfig provided() {
        return MapConfig.valid().with("tlsMode", "provided").without("acmeEmail")
                .with("tlsCertificate", CERTIFICATE).with("tlsPrivateKey", KEY);
    }

    @Test
    void theGivenCertificateAndKeyAreInstalledWhereNginxReadsThemAndTheKeyIsSecret() {
        Deployment d = Rendered.deployment(provided());
        Bundle bundle = Bundle.render(d, new HostFacts(Rendered.PUBLIC_IPV4), new ExplicitSecretsFirst(d, Rendered.secrets()));

        BundleFile chain = bundle.file("etc/talk-hpb/tls/fullchain.pem");
        BundleFile key = bundle.file("etc/talk-hpb/tls/privkey.pem");
        assertThat(chain.content()).isEqualTo(CERTIFICATE);
        assertThat(key.content()).isEqualTo(KEY);
        assertThat(key).extracting(BundleFile::mode, BundleFile::owner, BundleFile::secret).containsExactly("0640", "root", true);
        assertThat(bundle.file("etc/nginx/sites-enabled/talk-hpb.conf").content())
                .contains("ssl_certificate " + d.paths().tlsCertificate() + ";");
    }

    @Test
    void otherModesInstallNoCertificateFiles() {
        Bundle bundle = Rendered.bundle(MapConfig.valid());

        assertThat(bundle.files()).noneMatch(f -> f.bundlePath().startsWith("etc/talk-hpb/tls/"));
    }

    @Test
    void theProgramSendsThemOnStandardInputAndGeneratesNothingForThem() {
        ProgramRun run = ProgramRun.of("prod", provided());

        assertThat(run.result().exceptions()).as(run.errors()).isEmpty();
        assertThat(run.ofType("random:index/randomPassword:RandomPassword"))
                .noneMatch(r -> r.name().startsWith("tls"));
        Map<String, Object> configure = run.one("command:remote:Command", "configure").inputs();
        String keyMaterial = KEY.lines().skip(1).findFirst().orElseThrow();
        assertThat((String) configure.get("stdin")).contains(keyMaterial);
        assertThat((String) configure.get("create")).doesNotContain(keyMaterial)
                .contains("ensure-certificate.sh' 'provided'");
    }
}
