package com.talkhpb.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.talkhpb.facts.TalkRequirements;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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

    /**
     * The MCU as the signaling server's stats show it: with media nodes, one check per node's proxy
     * (connected or not, its load and publishers); without, the HPB's own Janus.
     */
    public static List<Check> mediaServers(JsonNode stats) {
        JsonNode mcu = stats.path("mcu");
        List<Check> checks = new ArrayList<>();
        for (JsonNode proxy : mcu.path("details")) {
            String url = proxy.path("url").asText();
            if (proxy.path("connected").asBoolean()) {
                checks.add(Check.pass("media-node", url + " connected, load " + proxy.path("load").asInt() + ", "
                        + proxy.path("publishers").asInt() + " publishers" + (proxy.path("shutdown").asBoolean() ? ", draining" : "")));
            } else {
                checks.add(Check.fail("media-node", url + " is not connected",
                        "On that node: systemctl status nextcloud-spreed-signaling-proxy janus; then pulumi up."));
            }
        }
        if (checks.isEmpty()) {
            checks.add(mcu.path("connected").asBoolean() ? Check.pass("mcu", "the HPB's own Janus is connected")
                    : Check.fail("mcu", "the signaling server has no MCU connected", "On the HPB: systemctl status janus; then pulumi up."));
        }
        return checks;
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
            // Still valid, so Talk works; but certbot.timer renews at 30 days left: renewal is failing.
            return Check.warn("tls", "certificate for " + host + " expires in " + days + " days (" + notAfter + ")",
                    "Renewal is failing: on the HPB, `certbot renew --dry-run` and `journalctl -u certbot` show why.");
        }
        return Check.pass("tls", "certificate valid for " + host + ", expires in " + days + " days (" + notAfter + ")");
    }

    /** A call passes when each participant decoded at least this many video frames a second of the other's (30 sent). */
    public static final int MIN_VIDEO_FRAMES_PER_SECOND = 5;
    /** ... and this many audio frames a second (50 sent, 20 ms each). */
    public static final int MIN_AUDIO_FRAMES_PER_SECOND = 25;

    /** The call client's report (see call-client.py) judged: every participant decoded everyone else's video and audio. */
    public static Check call(JsonNode report, int seconds) {
        String mediaAdvice = "Media did not flow between this machine and Janus: check that the HPB's RTP range (UDP "
                + "rtpPortRange) is open to this machine and that Janus runs (journalctl -u janus).";
        if (report == null) {
            return Check.fail("call", "the call client printed no report", mediaAdvice);
        }
        if (!report.path("ok").asBoolean()) {
            String error = report.path("error").asText();
            String advice = mediaAdvice;
            if (error.contains("TURN refused")) {
                advice = "coturn holds another TURN secret: pass the current one (pulumi stack output --show-secrets turnSecret).";
            } else if (error.contains("hello answered")) {
                advice = "The signaling server refused the internal client: pass the current internal secret "
                        + "(pulumi stack output --show-secrets internalSecret) and a --nextcloud-url the HPB serves.";
            }
            return Check.fail("call", "the call failed: " + error, advice);
        }
        JsonNode participants = report.path("phases").path(0).path("participants");
        List<String> received = new ArrayList<>();
        java.util.Set<String> pairs = new java.util.TreeSet<>();
        List<Double> rtts = new ArrayList<>();
        for (JsonNode receiver : participants) {
            receiver.path("pairs").forEach(connection -> connection.forEach(pair -> pairs.add(pair.asText())));
            if (receiver.path("rttMs").isNumber()) {
                rtts.add(receiver.path("rttMs").asDouble());
            }
            for (JsonNode sender : participants) {
                if (sender == receiver) {
                    continue;
                }
                JsonNode frames = receiver.path("received").path(sender.path("session").asText());
                int video = frames.path("video").asInt();
                int audio = frames.path("audio").asInt();
                String who = receiver.path("name").asText() + " decoded " + video + " video and " + audio + " audio frames of "
                        + sender.path("name").asText();
                if (video < MIN_VIDEO_FRAMES_PER_SECOND * seconds || audio < MIN_AUDIO_FRAMES_PER_SECOND * seconds) {
                    return Check.fail("call", who + " in " + seconds + " s (at least " + MIN_VIDEO_FRAMES_PER_SECOND * seconds
                            + " and " + MIN_AUDIO_FRAMES_PER_SECOND * seconds + " expected)", mediaAdvice);
                }
                received.add(who);
            }
        }
        if (received.isEmpty()) {
            return Check.fail("call", "the report names no participants", mediaAdvice);
        }
        String rtt = rtts.isEmpty() ? "" : String.format(java.util.Locale.ROOT, "; round trip %.1f ms",
                rtts.stream().mapToDouble(Double::doubleValue).average().orElse(0));
        return Check.pass("call", String.join(", ", received) + " in " + seconds + " s" + rtt + "; ICE pairs "
                + String.join(", ", pairs));
    }
}
