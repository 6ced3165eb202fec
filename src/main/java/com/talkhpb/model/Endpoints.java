package com.talkhpb.model;

import java.util.List;

/**
 * What clients and Nextcloud use to reach the HPB.
 *
 * @param signalingUrl the URL to enter in Talk's admin settings
 * @param stunServer       {@code host:port} for Talk's STUN list
 * @param talkTurnServers  the entries of Talk's TURN list
 */
public record Endpoints(String signalingUrl, String websocketUrl, String stunServer, List<TalkTurnServer> talkTurnServers) {
    public Endpoints {
        talkTurnServers = List.copyOf(talkTurnServers);
    }

    /** Every TURN URI a client gets, in Talk's order. */
    public List<String> turnServers() {
        return talkTurnServers.stream().flatMap(server -> server.uris().stream()).toList();
    }
}
