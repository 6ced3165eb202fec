package com.talkhpb.settings;

import com.talkhpb.facts.HetznerNetworkZones;
import java.util.Optional;

/** The media nodes: how many (0 keeps the single host), and of which server type. */
final class MediaNodeRules {
    /** Each node is a VM with a fixed address on the private network; ten is where a stack should be measured again. */
    static final int MOST_MEDIA_NODES = 10;

    private final RawValues values;
    private final Problems problems;

    MediaNodeRules(RawValues values, Problems problems) {
        this.values = values;
        this.problems = problems;
    }

    /**
     * The nodes' count and placement: the HPB's image, location and subnet, with mediaNodeServerType
     * (default: the HPB's server type). Empty placement when there are no nodes or no valid HPB placement.
     */
    MediaNodes mediaNodes(Cloud cloud, Optional<Placement> hpb) {
        int count = count();
        Optional<String> serverType = values.raw(ConfigKey.MEDIA_NODE_SERVER_TYPE);
        if (cloud == Cloud.EXISTING) {
            if (count > 0) {
                problems.add(ConfigKey.MEDIA_NODES, "is " + count + ", but media nodes are VMs talk-hpb creates, and cloud existing creates none.",
                        "Set it to 0, or deploy on hcloud or aws to add media nodes.");
            }
            serverType.ifPresent(type -> problems.add(ConfigKey.MEDIA_NODE_SERVER_TYPE,
                    "describes a VM talk-hpb creates; cloud existing creates none.", "Remove it."));
            return MediaNodes.NONE;
        }
        if (cloud == null || hpb.isEmpty() || hpb.get().serverType() == null) {
            return new MediaNodes(count, Optional.empty());
        }
        String type = values.matching(ConfigKey.MEDIA_NODE_SERVER_TYPE, cloud.serverType(), hpb.get().serverType(),
                cloud.serverTypeExample(), " on " + cloud.displayName());
        if (count == 0 || type == null) {
            return new MediaNodes(count, Optional.empty());
        }
        Placement placement = hpb.get();
        if (cloud == Cloud.HCLOUD && placement.location() != null && HetznerNetworkZones.of(placement.location()).isEmpty()) {
            problems.add(ConfigKey.LOCATION, "'" + placement.location() + "' has no network zone talk-hpb knows, and media nodes reach "
                    + "the HPB over a private network in the HPB's zone.", "Use one of " + HetznerNetworkZones.knownLocations()
                    + ", or set " + ConfigKey.MEDIA_NODES.qualified() + " 0.");
            return new MediaNodes(count, Optional.empty());
        }
        return new MediaNodes(count, Optional.of(new Placement(type, placement.location(), placement.image(), placement.subnetId())));
    }

    private int count() {
        String value = values.raw(ConfigKey.MEDIA_NODES).orElse("0");
        try {
            int count = Integer.parseInt(value);
            if (count >= 0 && count <= MOST_MEDIA_NODES) {
                return count;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        problems.add(ConfigKey.MEDIA_NODES, "'" + value + "' is not a number of media nodes from 0 to " + MOST_MEDIA_NODES + ".",
                "Write 0 (the HPB carries the calls itself) or the number of media nodes, e.g. 2.");
        return 0;
    }
}
