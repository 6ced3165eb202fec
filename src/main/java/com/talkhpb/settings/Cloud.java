package com.talkhpb.settings;

/** The cloud the HPB's VM runs on. */
public enum Cloud {
    HCLOUD("hcloud");

    private final String configValue;

    Cloud(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }
}
