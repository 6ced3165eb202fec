package com.talkhpb.render;

/** Writes coturn's {@code key=value} / bare-flag syntax, one setting per line; keys may repeat. */
final class KeyValueWriter {
    private final StringBuilder out = new StringBuilder();

    KeyValueWriter comment(String text) {
        out.append("# ").append(text).append('\n');
        return this;
    }

    KeyValueWriter flag(String name) {
        out.append(name).append('\n');
        return this;
    }

    KeyValueWriter set(String key, Object value) {
        String text = String.valueOf(value);
        if (text.contains("\n") || text.contains("#")) {
            throw new IllegalArgumentException(key + " value contains a newline or comment character");
        }
        out.append(key).append('=').append(text).append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
