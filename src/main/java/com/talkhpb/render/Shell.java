package com.talkhpb.render;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one way data becomes shell text. Every value a generated script holds (a domain, a path, an
 * e-mail address, a user's occ command) passes through {@link #quote}; nothing is pasted between
 * quotes by hand.
 */
public final class Shell {
    private Shell() {
    }

    /** A single-quoted word that bash reads back as exactly {@code value}, whatever it contains. */
    public static String quote(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a shell word cannot hold a NUL character");
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** Each value quoted, separated by spaces: a command line of exactly these arguments. */
    public static String words(List<String> values) {
        return values.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }

    public static String words(String... values) {
        return words(Arrays.asList(values));
    }
}
