package com.talkhpb.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.talkhpb.settings.Settings;
import com.talkhpb.testing.ProgramRun.Registration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code pulumi up} does to each resource when a stack changes, decided as the engine decides it
 * (pulumi/pulumi pkg/resource/deploy/step_generator.go), on two mock-engine runs of the program
 * ({@link ProgramRun#after}):
 * <ul>
 * <li>a resource is the one of the same type and name in the last run, or of a name it gives as an
 *     alias;</li>
 * <li>inputs named in its {@code ignoreChanges} keep their old values before anything is compared (a
 *     replacement is still created from the program's values);</li>
 * <li>an input change the provider marks replace-on-change (src/main/resources/…/bindings/
 *     replace-on-changes.json, with where each rule comes from), a change of an input named in its
 *     {@code replaceOnChanges}, or a new provider replaces it; any other input change updates it in
 *     place;</li>
 * <li>a replacement or delete of a resource protected before and after is refused at the preview (the
 *     engine's {@code protect}; a replacement is allowed in the run that lifts it); one whose cloud
 *     protection is still on in its last state fails when the provider deletes it ({@code protection}
 *     in the rules file);</li>
 * <li>{@code deleteBeforeReplace} deletes the old one first; {@code retainOnDelete} turns a delete
 *     into forgetting.</li>
 * </ul>
 */
public final class PlanModel {
    /**
     * REFUSED: the engine stops at the preview, nothing changes. FAILS: the engine goes ahead and the
     * provider's delete fails, stopping the run there.
     */
    public enum Kind { CREATE, SAME, UPDATE, REPLACE, DELETE, FORGET, REFUSED, FAILS }

    /** What happens to one resource, the inputs that make it so, and what to know about it (refusal, order). */
    public record Change(Kind kind, List<String> inputs, String note) {
        public Change(Kind kind, List<String> inputs) {
            this(kind, inputs, "");
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase() + (inputs.isEmpty() ? "" : " " + inputs) + (note.isEmpty() ? "" : " (" + note + ")");
        }
    }

    static final String PROTECTED = "protected";
    static final String DELETED_FIRST = "deleted first";

    /** Per type: inputs whose change replaces, and the input that holds the cloud's own delete protection. */
    record Rules(List<String> replace, Optional<String> protection, String protectionRefusal) {
    }

    private static final Map<String, Rules> RULES = loadRules();

    private PlanModel() {
    }

    /** Per resource ({@code type 'name'}), what the second run does to what the first left. */
    public static Map<String, Change> plan(ProgramRun before, ProgramRun after) {
        Map<String, Change> plan = new LinkedHashMap<>();
        Set<Registration> continued = new HashSet<>();
        for (Registration now : after.registrations()) {
            Optional<Registration> old = before.findPredecessor(now);
            old.ifPresent(continued::add);
            if (old.isPresent() && after.state(now).isEmpty() && !after.result().exceptions().isEmpty()) {
                // A run the program failed can stop between a registration and the engine's answer to it
                // (which one is a race): nothing is planned for that resource, and it is not deleted either.
                continue;
            }
            plan.put(now.toString(), old.isEmpty() ? new Change(Kind.CREATE, List.of())
                    : change(old.get(), before.state(old.get()).orElseThrow(), now, after.state(now).orElseThrow().provider()));
        }
        for (Registration old : before.registrations()) {
            if (!continued.contains(old)) {
                plan.put(old.toString(), deletion(old));
            }
        }
        return plan;
    }

    /** The change from {@code old} (with its state) to {@code now}, created through {@code provider}. */
    static Change change(Registration old, ProgramRun.State oldState, Registration now, String provider) {
        Rules rules = rulesOf(now.type());
        Map<String, Object> effective = withIgnoredChangesUndone(old.inputs(), now);
        List<String> changed = new ArrayList<>(new TreeSet<>(changedInputs(old.inputs(), effective)));
        List<String> replacing = new ArrayList<>();
        for (String rule : rules.replace()) {
            if (ruleApplies(rule, old.inputs(), effective)) {
                replacing.add(rule.split("\\?")[0]);
            }
        }
        for (String path : now.options().replaceOnChanges()) {
            boolean any = path.equals("*");
            if (any ? !changed.isEmpty() : !Objects.equals(dig(old.inputs(), path), dig(effective, path))) {
                replacing.add(any ? String.join(",", changed) : path);
            }
        }
        if (!Objects.equals(oldState.provider(), provider)) {
            replacing.add("provider");
        }
        if (replacing.isEmpty()) {
            return changed.isEmpty() ? new Change(Kind.SAME, List.of()) : new Change(Kind.UPDATE, changed);
        }
        // The engine looks at protect before and after: a run that lifts it may replace.
        if (old.options().protect() && now.options().protect()) {
            return new Change(Kind.REFUSED, replacing, PROTECTED);
        }
        Optional<String> cloudRefusal = cloudRefusal(old, rules);
        if (cloudRefusal.isPresent()) {
            return new Change(Kind.FAILS, replacing, cloudRefusal.get());
        }
        return new Change(Kind.REPLACE, replacing, now.options().deletesBeforeReplacing() ? DELETED_FIRST : "");
    }

    /** What becomes of a resource the program no longer registers. */
    static Change deletion(Registration old) {
        if (old.options().protect()) {
            return new Change(Kind.REFUSED, List.of(), PROTECTED);
        }
        Optional<String> cloudRefusal = cloudRefusal(old, rulesOf(old.type()));
        if (cloudRefusal.isPresent()) {
            return new Change(Kind.FAILS, List.of(), cloudRefusal.get());
        }
        return new Change(old.options().retainOnDelete() ? Kind.FORGET : Kind.DELETE, List.of());
    }

    /** The provider's refusal to delete what its cloud still protects, in the state the last run left. */
    private static Optional<String> cloudRefusal(Registration old, Rules rules) {
        return rules.protection().filter(input -> Boolean.TRUE.equals(old.inputs().get(input))).map(input -> rules.protectionRefusal());
    }

    /**
     * {@code now}'s inputs as the engine compares them: every path its {@code ignoreChanges} names takes
     * the old value, or is left out when the old inputs had none.
     */
    public static Map<String, Object> withIgnoredChangesUndone(Map<String, Object> oldInputs, Registration now) {
        Map<String, Object> inputs = deepCopy(now.inputs());
        for (String path : now.options().ignoreChanges()) {
            Object old = dig(oldInputs, path);
            String[] parts = path.split("\\.");
            Map<String, Object> parent = inputs;
            for (int i = 0; i < parts.length - 1 && parent != null; i++) {
                parent = parent.get(parts[i]) instanceof Map<?, ?> ? asMap(parent.get(parts[i])) : null;
            }
            if (parent != null) {
                if (old == null) {
                    parent.remove(parts[parts.length - 1]);
                } else {
                    parent.put(parts[parts.length - 1], old);
                }
            }
        }
        return inputs;
    }

    private static Rules rulesOf(String type) {
        // The program's own components have no provider: nothing replaces them but their name.
        if (type.startsWith(Settings.NAMESPACE + ":")) {
            return new Rules(List.of(), Optional.empty(), "");
        }
        Rules rules = RULES.get(type);
        if (rules == null) {
            throw new AssertionError("no replace-on-change rules for " + type + " in replace-on-changes.json");
        }
        return rules;
    }

    /** {@code a.b} looks into a nested input; {@code a?b} counts only while input b is true. */
    private static boolean ruleApplies(String rule, Map<String, Object> old, Map<String, Object> now) {
        String[] conditional = rule.split("\\?");
        if (conditional.length == 2 && !Boolean.TRUE.equals(now.get(conditional[1]))) {
            return false;
        }
        return !Objects.equals(dig(old, conditional[0]), dig(now, conditional[0]));
    }

    private static Object dig(Map<String, Object> inputs, String path) {
        Object value = inputs;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map)) {
                return null;
            }
            value = asMap(value).get(part);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> deepCopy(Map<String, Object> inputs) {
        Map<String, Object> copy = new LinkedHashMap<>();
        inputs.forEach((key, value) -> copy.put(key, value instanceof Map<?, ?> ? deepCopy(asMap(value)) : value));
        return copy;
    }

    private static List<String> changedInputs(Map<String, Object> old, Map<String, Object> now) {
        List<String> changed = new ArrayList<>();
        Set<String> keys = new TreeSet<>(old.keySet());
        keys.addAll(now.keySet());
        for (String key : keys) {
            if (!Objects.equals(old.get(key), now.get(key))) {
                changed.add(key);
            }
        }
        return changed;
    }

    private static Map<String, Rules> loadRules() {
        try (InputStream in = PlanModel.class.getResourceAsStream("/com/talkhpb/bindings/replace-on-changes.json")) {
            JsonNode types = new ObjectMapper().readTree(in).path("types");
            Map<String, Rules> rules = new LinkedHashMap<>();
            types.fields().forEachRemaining(e -> {
                List<String> replace = new ArrayList<>();
                e.getValue().path("replace").forEach(p -> replace.add(p.asText()));
                JsonNode protection = e.getValue().path("protection");
                rules.put(e.getKey(), new Rules(replace,
                        protection.isMissingNode() ? Optional.empty() : Optional.of(protection.path("input").asText()),
                        protection.path("refusal").asText()));
            });
            return rules;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The replace rules as loaded, for the test that checks them against the provider schemas. */
    public static Map<String, List<String>> rules() {
        Map<String, List<String>> replace = new LinkedHashMap<>();
        RULES.forEach((type, rules) -> replace.put(type, rules.replace()));
        return replace;
    }
}
