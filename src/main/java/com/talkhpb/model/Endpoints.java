package com.talkhpb.model;

import java.util.List;

/**
 * What clients and Nextcloud use to reach the HPB.
 *
 * @param signalingUrl the URL to enter in Talk's admin settings
 * @param turnServers  TURN URIs handed to clients and Janus
 * @param stunServer   {@code host:port} for Talk's STUN list
 * @param turnServer   {@code host:port} for Talk's TURN list
 */
public record Endpoints(String signalingUrl, String websocketUrl, List<String> turnServers, String stunServer,
        String turnServer) {
    public Endpoints {
        turnServers = List.copyOf(turnServers);
    }
}
