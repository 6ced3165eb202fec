package com.talkhpb.model;

/**
 * One entry of Talk's TURN server list ({@code occ talk:turn:add <schemes> <server> <protocols>}).
 *
 * @param schemes   turn or turns
 * @param server    host:port
 * @param protocols udp,tcp or tcp
 */
public record TalkTurnServer(String schemes, String server, String protocols) {
    /** The URIs a WebRTC client builds from this entry (RFC 7065). */
    public java.util.List<String> uris() {
        return java.util.Arrays.stream(protocols.split(",")).map(p -> schemes + ":" + server + "?transport=" + p).toList();
    }
}
