package com.talkhpb.verify;

/** One line of the verify report: what was checked, how it went, and what to do about it. */
public record Check(String name, Status status, String detail, String advice) {
    /** WARN: works for Talk, with something worth knowing (it does not fail verify). */
    public enum Status { PASS, WARN, FAIL, SKIP }

    public static Check pass(String name, String detail) {
        return new Check(name, Status.PASS, detail, "");
    }

    public static Check warn(String name, String detail, String advice) {
        return new Check(name, Status.WARN, detail, advice);
    }

    public static Check fail(String name, String detail, String advice) {
        return new Check(name, Status.FAIL, detail, advice);
    }

    public static Check skip(String name, String detail, String advice) {
        return new Check(name, Status.SKIP, detail, advice);
    }

    public String line() {
        return String.format("%-4s  %-9s %s%s", status, name, detail, advice.isEmpty() ? "" : "\n                -> " + advice);
    }
}
