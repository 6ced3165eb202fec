package com.talkhpb.render;

/** Writes nginx configuration: directives and nested blocks, indented. */
final class NginxWriter {
    private final StringBuilder out = new StringBuilder();
    private int depth;

    NginxWriter comment(String text) {
        indent().append("# ").append(text).append('\n');
        return this;
    }

    NginxWriter directive(String name, Object... arguments) {
        StringBuilder line = indent().append(name);
        for (Object argument : arguments) {
            String text = String.valueOf(argument);
            // A placeholder for a host fact ({{host:…}}, {{media-1:…}}, in a render made before the servers exist) is not a block.
            String word = text.replaceAll("\\{\\{(host|media-[0-9]+):[A-Za-z0-9]+}}", "");
            if (word.contains(";") || word.contains("\n") || word.contains("{") || word.contains("}")) {
                throw new IllegalArgumentException(name + " argument is not a plain nginx word: " + text);
            }
            line.append(' ').append(text);
        }
        line.append(";\n");
        return this;
    }

    NginxWriter block(String header, Runnable body) {
        indent().append(header).append(" {\n");
        depth++;
        body.run();
        depth--;
        indent().append("}\n");
        return this;
    }

    NginxWriter blank() {
        out.append('\n');
        return this;
    }

    private StringBuilder indent() {
        return out.append("    ".repeat(depth));
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
