package com.talkhpb.render;

import java.util.List;
import java.util.Map;

/**
 * Writes Janus's libconfig (.jcfg) syntax from an ordered tree: maps become groups, strings are quoted
 * and escaped, lists of strings become arrays.
 */
final class LibconfigWriter {
    private LibconfigWriter() {
    }

    static String write(String headerComment, Map<String, Object> root) {
        StringBuilder out = new StringBuilder("# ").append(headerComment).append('\n');
        for (Map.Entry<String, Object> e : root.entrySet()) {
            writeSetting(out, e.getKey(), e.getValue(), 0);
        }
        return out.toString();
    }

    private static void writeSetting(StringBuilder out, String name, Object value, int depth) {
        String indent = "\t".repeat(depth);
        if (value instanceof Map<?, ?> group) {
            out.append(indent).append(name).append(": {\n");
            for (Map.Entry<?, ?> e : group.entrySet()) {
                writeSetting(out, (String) e.getKey(), e.getValue(), depth + 1);
            }
            out.append(indent).append("}\n");
        } else {
            out.append(indent).append(name).append(" = ").append(scalar(value)).append('\n');
        }
    }

    private static String scalar(Object value) {
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof Boolean || value instanceof Integer) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(scalar(list.get(i)));
            }
            return b.append(']').toString();
        }
        throw new IllegalArgumentException("unsupported libconfig value: " + value);
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
