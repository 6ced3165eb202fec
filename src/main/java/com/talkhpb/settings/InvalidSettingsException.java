package com.talkhpb.settings;

import java.util.List;
import java.util.stream.Collectors;

/** Every problem found in a stack's configuration, reported together before anything is created. */
public class InvalidSettingsException extends RuntimeException {
    private final List<Problem> problems;

    public InvalidSettingsException(String stackName, List<Problem> problems) {
        super(report(stackName, problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String report(String stackName, List<Problem> problems) {
        String header = "stack '" + stackName + "' has " + problems.size()
                + (problems.size() == 1 ? " configuration problem" : " configuration problems")
                + "; nothing was created:";
        return problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n", header + "\n", ""));
    }
}
