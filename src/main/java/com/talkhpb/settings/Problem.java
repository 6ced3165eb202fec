package com.talkhpb.settings;

/** One thing wrong with the stack configuration: the key, what is wrong, and what to write instead. */
public record Problem(String key, String what, String fix) {
    @Override
    public String toString() {
        return Settings.NAMESPACE + ":" + key + ": " + what + " " + fix;
    }
}
