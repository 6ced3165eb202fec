package com.talkhpb.model;

/** A listening address of one daemon. */
public record HostPort(String host, int port) {
    public String hostPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    public String url(String scheme) {
        return scheme + "://" + hostPort();
    }
}
