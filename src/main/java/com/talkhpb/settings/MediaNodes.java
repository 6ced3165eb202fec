package com.talkhpb.settings;

import java.util.Optional;

/**
 * How many media nodes the stack has and where they run (the HPB's location, image and subnet, their
 * own server type); placement is present exactly when there are nodes.
 */
public record MediaNodes(int count, Optional<Placement> placement) {
    public static final MediaNodes NONE = new MediaNodes(0, Optional.empty());
}
