package com.talkhpb.facts;

import java.time.Duration;
import java.util.List;

/** What current Nextcloud Talk demands of a signaling server (spreed lib/Signaling/Manager.php). */
public final class TalkRequirements {
    /** Talk refuses a signaling server whose welcome lacks any of these features. */
    public static final List<String> REQUIRED_FEATURES =
            List.of("audio-video-permissions", "federation", "incall-all", "hello-v2", "switchto");

    /**
     * Features the newest Talk uses when the signaling server offers them, and lists as missing in its
     * admin settings otherwise; 2.0.2 announces the first two.
     */
    public static final List<String> OPTIONAL_FEATURES = List.of("dialout", "join-features", "chat-relay", "changed-users");

    /** {@code federation} first appears in 2.0.0; 1.2.x is refused by Talk 20+. */
    public static final int MINIMUM_SIGNALING_MAJOR = 2;

    /** More skew than this between Nextcloud and the HPB gives TIME_OUT_OF_SYNC. */
    public static final Duration MAXIMUM_CLOCK_SKEW = Duration.ofSeconds(45);

    private TalkRequirements() {
    }
}
