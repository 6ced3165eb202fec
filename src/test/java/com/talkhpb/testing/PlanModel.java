package com.talkhpb.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.talkhpb.settings.Settings;
import com.talkhpb.testing.ProgramRun.Registration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What {@code pulumi up} does to each resource when a stack changes, decided as the engine decides it:
 * an input change the provider marks replace-on-change (src/main/resources/…/bindings/replace-on-changes.json,
 * with where each rule comes from) replaces the resource, any other input change updates it in place,
 * and a new provider replaces everything it manages. Runs without the Pulumi CLI, on two mock-engine
 * runs of the program ({@link ProgramRun#after}).
 */
public final class PlanModel {
    public enum Kind { CREATE, SAME, UPDATE, REPLACE, DELETE }

    /** What happens to one resource, and the inputs that make it so. */
    public record Change(Kind kind, List<String> inputs) {
        @Override
        public String toString() {
            return kind.name().toLowerCase() + (inputs.isEmpty() ? "" : " " + inputs);
        }
    }

    private static final Map<String, List<String>> RULES = loadRules();

    private PlanModel() {
    }

    /** Per resource ({@code type 'name'}), what the second run does to what the first left. */
    public static Map<String, Change> plan(ProgramRun before, ProgramRun after) {
        Map<String, Change> plan = new LinkedHashMap<>();
        for (Registration now : after.registrations()) {
            Registration old = before.find(now.type(), now.name()).orElse(null);
            plan.put(now.toString(), old == null ? new Change(Kind.CREATE, List.of())
                    : change(old, before.state(old).orElseThrow(), now, after.state(now).orElseThrow().provider()));
        }
        for (Registration old : before.registrations()) {
            if (after.find(old.type(), old.name()).isEmpty()) {
                plan.put(old.toString(), new Change(Kind.DELETE, List.of()));
            }
        }
        return plan;
    }

    /** The change from {@code old} (with its state) to {@code now}, created through {@code provider}. */
    static Change change(Registration old, ProgramRun.State oldState, Registration now, String provider) {
        // The program's own components have no provider: nothing replaces them but their name.
        List<String> rules = now.type().startsWith(Settings.NAMESPACE + ":") ? List.of() : RULES.get(now.type());
        if (rules == null) {
            throw new AssertionError("no replace-on-change rules for " + now.type() + " in replace-on-changes.json");
        }
        List<String> changed = new ArrayList<>(new TreeSet<>(changedInputs(old.inputs(), now.inputs())));
        List<String> replacing = new ArrayList<>();
        for (String rule : rules) {
            if (ruleApplies(rule, old.inputs(), now.inputs())) {
                replacing.add(rule.split("\\?")[0]);
            }
        }
        if (!Objects.equals(oldState.provider(), provider)) {
            replacing.add("provider");
        }
        if (!replacing.isEmpty()) {
            return new Change(Kind.REPLACE, replacing);
        }
        return changed.isEmpty() ? new Change(Kind.SAME, List.of()) : new Change(Kind.UPDATE, changed);
    }

    /** {@code a.b} looks into a nested input; {@code a?b} counts only while input b is true. */
    private static boolean ruleApplies(String rule, Map<String, Object> old, Map<String, Object> now) {
        String[] conditional = rule.split("\\?");
        if (conditional.length == 2 && !Boolean.TRUE.equals(now.get(conditional[1]))) {
            return false;
        }
        return !Objects.equals(dig(old, conditional[0]), dig(now, conditional[0]));
    }

    @SuppressWarnings("unchecked")
    private static Object dig(Map<String, Object> inputs, String path) {
        Object value = inputs;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map)) {
                return null;
            }
            value = ((Map<String, Object>) value).get(part);
        }
        return value;
    }

    private static List<String> changedInputs(Map<String, Object> old, Map<String, Object> now) {
        List<String> changed = new ArrayList<>();
        for (String key : new TreeSet<>(concat(old.keySet(), now.keySet()))) {
            if (!Objects.equals(old.get(key), now.get(key))) {
                changed.add(key);
            }
        }
        return changed;
    }

    private static List<String> concat(java.util.Set<String> a, java.util.Set<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Map<String, List<String>> loadRules() {
        try (InputStream in = PlanModel.class.getResourceAsStream("/com/talkhpb/bindings/replace-on-changes.json")) {
            JsonNode types = new ObjectMapper().readTree(in).path("types");
            Map<String, List<String>> rules = new LinkedHashMap<>();
            types.fields().forEachRemaining(e -> {
                List<String> replace = new ArrayList<>();
                e.getValue().path("replace").forEach(p -> replace.add(p.asText()));
                rules.put(e.getKey(), replace);
            });
            return rules;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rules as loaded, for the test that checks them against the provider schemas. */
    public static Map<String, List<String>> rules() {
        return RULES;
    }
}
