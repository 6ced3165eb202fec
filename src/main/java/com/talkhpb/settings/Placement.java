package com.talkhpb.settings;

/** Where and on what the VM runs. */
public record Placement(String serverType, String location, String image) {
}
