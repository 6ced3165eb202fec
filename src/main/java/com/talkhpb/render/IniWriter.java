package com.talkhpb.render;

/**
 * Writes the INI dialect of signaling's server.conf. Values are written verbatim: every value we
 * write is validated or generated to contain no comment or newline characters.
 */
final class IniWriter {
    private final StringBuilder out = new StringBuilder();

    IniWriter comment(String text) {
        out.append("# ").append(text).append('\n');
        return this;
    }

    IniWriter section(String name) {
        if (!out.isEmpty()) {
            out.append('\n');
        }
        out.append('[').append(name).append("]\n");
        return this;
    }

    IniWriter set(String key, Object value) {
        String text = String.valueOf(value);
        if (text.contains("\n")) {
            throw new IllegalArgumentException(key + " value contains a newline");
        }
        out.append(key).append(" = ").append(text).append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
