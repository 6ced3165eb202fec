package com.talkhpb.settings;

import java.util.ArrayList;
import java.util.List;

/** Every problem found in a stack's config, collected from all rules so the user sees them at once. */
final class Problems {
    private final List<Problem> found = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();

    /** Allowed, but worth a second look: shown on every run, never blocks it. */
    void warn(String key, String what, String fix) {
        warnings.add(new Problem(key, what, fix));
    }

    List<Problem> warnings() {
        return List.copyOf(warnings);
    }

    void add(ConfigKey key, String what, String fix) {
        found.add(new Problem(key.key(), what, fix));
    }

    void add(String key, String what, String fix) {
        found.add(new Problem(key, what, fix));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    List<Problem> all() {
        return List.copyOf(found);
    }
}
