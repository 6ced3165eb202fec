package com.talkhpb.facts;

import java.util.Map;
import java.util.Optional;

/**
 * Hetzner Cloud's network zones by location: a private network's subnet lies in one zone, and only
 * servers in that zone's locations can join it (Hetzner's docs, "Networks").
 */
public final class HetznerNetworkZones {
    static final Map<String, String> ZONE_OF_LOCATION = Map.of(
            "fsn1", "eu-central", "nbg1", "eu-central", "hel1", "eu-central",
            "ash", "us-east", "hil", "us-west", "sin", "ap-southeast");

    private HetznerNetworkZones() {
    }

    public static Optional<String> of(String location) {
        return Optional.ofNullable(ZONE_OF_LOCATION.get(location));
    }

    /** The locations this table knows, for messages. */
    public static String knownLocations() {
        return String.join(", ", ZONE_OF_LOCATION.keySet().stream().sorted().toList());
    }
}
