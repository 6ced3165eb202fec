package com.talkhpb.facts;

/**
 * Ports fixed by the HPB's protocols or by our choice of loopback listeners. The model reads these;
 * nothing else should spell them out.
 */
public final class WellKnownPorts {
    public static final int SSH = 22;
    public static final int HTTP = 80;
    public static final int HTTPS = 443;
    public static final int TURN_DEFAULT = 3478;
    public static final int SIGNALING = 8080;
    public static final int JANUS_WEBSOCKET = 8188;
    public static final int NATS = 4222;
    /** A media node's signaling proxy (Debian's proxy.conf example), on its private address. */
    public static final int MEDIA_PROXY = 9090;
    /** Loopback, behind nginx's stream layer when TURN shares port 443: the HTTPS server and TURN's TLS terminator. */
    public static final int HTTPS_BEHIND_STREAM = 4443;
    public static final int TURNS_TERMINATOR = 5349;
    /** coturn's own relay range (its defaults); peers are Janus on the same host, so it stays closed. */
    public static final int TURN_RELAY_MIN = 49152;
    public static final int TURN_RELAY_MAX = 65535;
    /** Talk's documented Janus RTP range. */
    public static final int RTP_DEFAULT_MIN = 20000;
    public static final int RTP_DEFAULT_MAX = 40000;
    /** The metrics endpoint: nginx with TLS and the token, for metricsSourceCidrs only (a port of its own, so the firewalls can tell it apart). */
    public static final int METRICS = 9443;
    /** The exporters' Debian defaults, bound to loopback (on a media node: to its private address, for the HPB). */
    public static final int NODE_EXPORTER = 9100;
    public static final int NGINX_EXPORTER = 9113;
    public static final int PROCESS_EXPORTER = 9256;
    /** nginx's stub_status, on loopback, for its exporter. */
    public static final int NGINX_STATUS = 9180;
    /** Fewer ports than this starves Janus after a few dozen streams. */
    public static final int RTP_MINIMUM_PORTS = 1000;

    /** The TCP ports the HPB's own daemons listen on, on the host's addresses or on loopback. */
    public static final java.util.Set<Integer> HPB_OWN = java.util.Set.of(HTTP, HTTPS, SIGNALING, JANUS_WEBSOCKET, NATS,
            HTTPS_BEHIND_STREAM, TURNS_TERMINATOR, METRICS, NODE_EXPORTER, NGINX_EXPORTER, PROCESS_EXPORTER, NGINX_STATUS);

    private WellKnownPorts() {
    }
}
