package com.talkhpb.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
        assertThat(Verdicts.certificateExpiry("hpb.example.com", NOW.plus(Duration.ofDays(13)), NOW).status())
                .isEqualTo(Check.Status.FAIL);
        assertThat(Verdicts.certificateExpiry("hpb.example.com", NOW.minus(Duration.ofDays(1)), NOW).detail())
                .contains("expired");
    }
}
