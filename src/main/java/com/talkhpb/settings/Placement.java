package com.talkhpb.settings;

import java.util.Optional;

/**
 * Where and on what the VM runs, in the chosen cloud's terms: server or instance type, location or
 * region, image, and (AWS only) the subnet; without one, AWS uses the region's default VPC.
 */
public record Placement(String serverType, String location, String image, Optional<String> subnetId) {
}
