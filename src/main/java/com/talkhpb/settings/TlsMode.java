package com.talkhpb.settings;

/** Where the HPB's TLS certificate comes from. */
public enum TlsMode {
    /** Let's Encrypt through certbot's webroot on port 80. */
    ACME("acme"),
    /** A certificate made on the host; for test stacks, clients must be told to trust it. */
    SELF_SIGNED("self-signed"),
    /** Certificate and key given in stack config as secrets. */
    PROVIDED("provided");

    private final String configValue;

    TlsMode(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }
}
