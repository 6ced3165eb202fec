package com.talkhpb.model;

import com.talkhpb.facts.WellKnownPorts;

/**
 * One source of metrics Prometheus scrapes through the metrics endpoint ({@link Monitoring}), with the
 * port it answers on: on loopback on the HPB, on the private address on a media node.
 */
public enum Exporter {
    /** The signaling server's own /metrics: sessions, rooms, publishers and subscribers, media backends. */
    SIGNALING("signaling", WellKnownPorts.SIGNALING, null),
    /** A media node's signaling proxy's /metrics: its sessions, publishers and subscribers. */
    PROXY("proxy", WellKnownPorts.MEDIA_PROXY, null),
    /** Debian's node exporter: CPU, memory, disk, network, time; and the textfiles (watchdog, certificate, TURN). */
    NODE("node", WellKnownPorts.NODE_EXPORTER, "prometheus-node-exporter"),
    /** Debian's nginx exporter, from nginx's stub_status: connections and requests. */
    NGINX("nginx", WellKnownPorts.NGINX_EXPORTER, "prometheus-nginx-exporter"),
    /** Debian's process exporter: CPU, memory and file descriptors of each daemon. */
    PROCESSES("processes", WellKnownPorts.PROCESS_EXPORTER, "prometheus-process-exporter");

    private final String id;
    private final int port;
    private final String debianPackage;

    Exporter(String id, int port, String debianPackage) {
        this.id = id;
        this.port = port;
        this.debianPackage = debianPackage;
    }

    /** Its name in the endpoint's paths, Prometheus's jobs and the dashboard's label {@code exporter}. */
    public String id() {
        return id;
    }

    public int port() {
        return port;
    }

    /** Whether talk-hpb installs it (the exporters), rather than it being part of a daemon (signaling, proxy). */
    public boolean installed() {
        return debianPackage != null;
    }

    /** The Debian package, which is also the name of its systemd unit. */
    public String debianPackage() {
        if (debianPackage == null) {
            throw new IllegalStateException(id + " is part of its daemon, not a package of its own");
        }
        return debianPackage;
    }

    public String unit() {
        return debianPackage() + ".service";
    }
}
