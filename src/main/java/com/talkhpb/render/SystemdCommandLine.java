package com.talkhpb.render;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one way an argument list becomes a unit's {@code ExecStart=} value. systemd splits that value at
 * whitespace, expands {@code %} specifiers and {@code $} variables, and reads C escapes inside quotes:
 * a word like {@code inet talk_hpb} written as is arrives as two arguments (a backends unit did so, and
 * its helper failed with the failure hidden by "-").
 */
public final class SystemdCommandLine {
    private SystemdCommandLine() {
    }

    /** A word systemd reads back as exactly {@code value}: specifiers and variables escaped, quoted when needed. */
    public static String word(String value) {
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("a unit's command line cannot hold control characters: " + value.strip());
        }
        String escaped = value.replace("%", "%%").replace("$", "$$");
        boolean plain = !escaped.isEmpty() && escaped.chars().noneMatch(c -> c == ' ' || c == '"' || c == '\'' || c == '\\' || c == ';');
        return plain ? escaped : "\"" + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The program and its arguments as one {@code ExecStart=} value. */
    public static String of(List<String> command) {
        return command.stream().map(SystemdCommandLine::word).collect(Collectors.joining(" "));
    }
}
