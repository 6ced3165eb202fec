package com.talkhpb.verify;

import com.talkhpb.facts.TalkRequirements;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Judgements on what a live HPB answered, kept apart from the network so they are tested directly. */
public final class Verdicts {
    /** Renewal runs 30 days ahead; less than this left means it is failing. */
    static final Duration CERTIFICATE_MARGIN = Duration.ofDays(14);
    private static final Pattern VERSION = Pattern.compile("^[^0-9]*([0-9]+)\\.([0-9]+)");

    private Verdicts() {
    }

    public static Check version(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.find()) {
            return Check.fail("version", "'" + version + "' is not a version", "Install nextcloud-spreed-signaling 2.0 or newer.");
        }
        int major = Integer.parseInt(m.group(1));
        if (major < TalkRequirements.MINIMUM_SIGNALING_MAJOR) {
            return Check.fail("version", version + " is older than 2.0, which current Talk refuses",
                    "Upgrade nextcloud-spreed-signaling to 2.0 or newer (talk-hpb installs it from Debian sid).");
        }
        return Check.pass("version", version);
    }

    public static Check features(String featureHeader) {
        List<String> offered = Arrays.stream(featureHeader.split(",")).map(String::strip).toList();
        List<String> missing = TalkRequirements.REQUIRED_FEATURES.stream().filter(f -> !offered.contains(f)).toList();
        if (!missing.isEmpty()) {
            return Check.fail("features", "missing " + String.join(", ", missing) + " (Talk refuses the server)",
                    "Upgrade nextcloud-spreed-signaling to 2.0 or newer.");
        }
        String required = "all " + TalkRequirements.REQUIRED_FEATURES.size() + " that Talk requires";
        List<String> optionalMissing = TalkRequirements.OPTIONAL_FEATURES.stream().filter(f -> !offered.contains(f)).toList();
        if (!optionalMissing.isEmpty()) {
            return Check.warn("features", required + "; optional ones the newest Talk uses are missing: "
                    + String.join(", ", optionalMissing), "A newer nextcloud-spreed-signaling brings them: set talk-hpb:signalingVersion "
                    + "to a newer version the host's package sources offer, then pulumi up.");
        }
        return Check.pass("features", required + ", and every optional one: "
                + String.join(", ", TalkRequirements.REQUIRED_FEATURES) + ", " + String.join(", ", TalkRequirements.OPTIONAL_FEATURES));
    }

    /** The HPB's HTTP Date header against the local clock (1 s resolution, so ±1 s is noise). */
    public static Check clock(String dateHeader, Instant now) {
        Instant serverTime;
        try {
            serverTime = ZonedDateTime.parse(dateHeader, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return Check.fail("clock", "the Date header '" + dateHeader + "' cannot be read", "Check what answers in front of the HPB.");
        }
        long skew = Duration.between(now, serverTime).getSeconds();
        String detail = "HPB clock " + (skew >= 0 ? "+" : "") + skew + " s against this machine's";
        if (Math.abs(skew) > TalkRequirements.MAXIMUM_CLOCK_SKEW.getSeconds()) {
            return Check.fail("clock", detail + ", more than Talk's " + TalkRequirements.MAXIMUM_CLOCK_SKEW.getSeconds() + " s",
                    "Run time sync on the HPB and on Nextcloud (chrony; `chronyc tracking` shows the offset).");
        }
        return Check.pass("clock", detail);
    }

    public static Check certificateExpiry(String host, Instant notAfter, Instant now) {
        long days = Duration.between(now, notAfter).toDays();
        if (notAfter.isBefore(now)) {
            return Check.fail("tls", "certificate for " + host + " expired on " + notAfter, "Renew it: on the HPB, `certbot renew`, then reload nginx.");
        }
        if (Duration.between(now, notAfter).compareTo(CERTIFICATE_MARGIN) < 0) {
            return Check.fail("tls", "certificate for " + host + " expires in " + days + " days (" + notAfter + ")",
                    "Renewal is failing: on the HPB, `certbot renew --dry-run` shows why.");
        }
        return Check.pass("tls", "certificate valid for " + host + ", expires in " + days + " days (" + notAfter + ")");
    }
}
