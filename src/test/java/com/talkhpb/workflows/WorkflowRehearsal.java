package com.talkhpb.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one job of a workflow as GitHub would, from the YAML itself: its steps in order, `run:` steps by
 * bash (`bash -e`) in a workspace with the job's, workflow's and step's env (`${{ }}` resolved from a
 * context), `if:` conditions evaluated, later steps skipped after a failure unless `always()`. Actions
 * (`uses:`) are stood in for where they matter: pulumi/actions with a command runs the stand-in pulumi.
 * The stand-ins for pulumi, gh, mvn, curl, openssl and java (verify only) sit first on PATH.
 */
final class WorkflowRehearsal {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*(.*?)\\s*}}");
    static final List<String> STAND_INS = List.of("pulumi", "gh", "mvn", "curl", "openssl", "java");

    record Step(String name, String outcome, int exit, String output) {
    }

    record Result(List<Step> steps, Path state) {
        boolean succeeded() {
            return steps.stream().noneMatch(s -> s.outcome().equals("failure"));
        }

        Step step(String name) {
            return steps.stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no step " + name + " in " + steps));
        }

        List<String> comments(String pr) throws IOException {
            Path dir = state.resolve("comments");
            List<String> comments = new ArrayList<>();
            for (int n = 1; Files.exists(dir.resolve(pr + "." + n)); n++) {
                comments.add(Files.readString(dir.resolve(pr + "." + n)));
            }
            return comments;
        }

        String calls() throws IOException {
            Path calls = state.resolve("calls");
            return Files.exists(calls) ? Files.readString(calls) : "";
        }
    }

    private final Path workflow;
    private final Map<String, Object> context;
    private final Map<String, String> extraEnv = new LinkedHashMap<>();
    private List<String> wrapper = List.of();

    WorkflowRehearsal(Path workflow, Map<String, Object> context) {
        this.workflow = workflow;
        this.context = context;
    }

    /** Runs every step through this command (e.g. into a network namespace of its own). */
    WorkflowRehearsal wrappedIn(List<String> command) {
        this.wrapper = List.copyOf(command);
        return this;
    }

    WorkflowRehearsal env(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    /** Runs {@code job} in {@code workspace}; {@code state} holds the stand-ins' state. */
    Result run(String job, Path workspace, Path state) throws Exception {
        Path bin = Files.createDirectories(state.resolve("bin"));
        for (String tool : STAND_INS) {
            try (InputStream in = getClass().getResourceAsStream("stand-ins/" + tool)) {
                Files.write(bin.resolve(tool), in.readAllBytes());
            }
            bin.resolve(tool).toFile().setExecutable(true);
        }
        JsonNode root = YAML.readTree(workflow.toFile());
        JsonNode jobNode = root.path("jobs").path(job);
        if (jobNode.isMissingNode()) {
            throw new AssertionError("no job " + job + " in " + workflow);
        }
        JsonNode matrix = jobNode.path("strategy").path("matrix");
        if (matrix.isObject() && matrix.size() > 0 && !context.containsKey("matrix." + matrix.fieldNames().next())) {
            return runMatrix(job, jobNode, matrix, workspace, state);
        }
        return runOnce(root, jobNode, workspace, state, bin);
    }

    /** GitHub runs the job once per matrix value (one key here, as the workflows use): so does the rehearsal. */
    private Result runMatrix(String job, JsonNode jobNode, JsonNode matrix, Path workspace, Path state) throws Exception {
        if (matrix.size() != 1) {
            throw new AssertionError("the rehearsal expands a matrix of one key; " + job + " has " + matrix);
        }
        String key = "matrix." + matrix.fieldNames().next();
        List<Step> steps = new ArrayList<>();
        for (JsonNode value : matrix.elements().next()) {
            context.put(key, value.asText());
            try {
                steps.addAll(run(job, workspace, state).steps());
            } finally {
                context.remove(key);
            }
        }
        return new Result(steps, state);
    }

    private Result runOnce(JsonNode root, JsonNode jobNode, Path workspace, Path state, Path bin) throws Exception {
        List<Step> steps = new ArrayList<>();
        if (jobNode.has("if") && !truthy(evaluate(jobNode.path("if").asText()))) {
            steps.add(new Step("(job)", "skipped", 0, ""));
            return new Result(steps, state);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("STANDIN_STATE", state.toString());
        env.put("GITHUB_REPOSITORY", String.valueOf(context.get("github.repository")));
        env.putAll(extraEnv);
        putEnv(env, root.path("env"));
        putEnv(env, jobNode.path("env"));
        boolean failed = false;
        int index = 0;
        for (JsonNode step : jobNode.path("steps")) {
            String name = step.has("name") ? step.path("name").asText() : "step " + index;
            index++;
            String condition = step.has("if") ? step.path("if").asText() : "success()";
            boolean run = condition.contains("always()") ? truthy(evaluate(condition)) : !failed && truthy(evaluate(condition));
            if (!run) {
                steps.add(new Step(name, "skipped", 0, ""));
                continue;
            }
            String script;
            if (step.has("run")) {
                script = step.path("run").asText();
            } else if (step.path("uses").asText().startsWith("pulumi/actions") && step.path("with").has("command")) {
                JsonNode with = step.path("with");
                script = "pulumi " + with.path("command").asText() + " --yes --stack " + resolve(with.path("stack-name").asText());
            } else {
                steps.add(new Step(name, "action", 0, ""));
                continue;
            }
            Map<String, String> stepEnv = new LinkedHashMap<>(env);
            putEnv(stepEnv, step.path("env"));
            List<String> command = new ArrayList<>(wrapper);
            command.addAll(List.of("bash", "-e", "-c", script));
            ProcessBuilder builder = new ProcessBuilder(command).directory(workspace.toFile())
                    .redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(stepEnv);
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("step " + name + " did not finish");
            }
            boolean ok = process.exitValue() == 0;
            failed |= !ok;
            steps.add(new Step(name, ok ? "success" : "failure", process.exitValue(), output));
        }
        return new Result(steps, state);
    }

    private void putEnv(Map<String, String> env, JsonNode node) {
        node.fields().forEachRemaining(e -> env.put(e.getKey(), resolve(e.getValue().asText())));
    }

    /** Text with every ${{ expression }} replaced by its value. */
    String resolve(String text) {
        Matcher m = EXPRESSION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = evaluate(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The expression forms the workflows use: paths, 'strings', ==, !=, &&, ||, !, contains(), always(), success(). */
    Object evaluate(String expression) {
        String bare = EXPRESSION.matcher(expression).matches() ? EXPRESSION.matcher(expression).replaceAll("$1") : expression;
        return new Parser(bare.replace("\n", " ")).expression();
    }

    static boolean truthy(Object value) {
        return value != null && !Boolean.FALSE.equals(value) && !"".equals(value);
    }

    private final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Object expression() {
            Object left = comparison();
            while (true) {
                skip();
                if (text.startsWith("&&", at)) {
                    at += 2;
                    Object right = comparison();
                    left = truthy(left) ? right : left;
                } else if (text.startsWith("||", at)) {
                    at += 2;
                    Object right = comparison();
                    left = truthy(left) ? left : right;
                } else {
                    return left;
                }
            }
        }

        private Object comparison() {
            Object left = unary();
            skip();
            if (text.startsWith("==", at) || text.startsWith("!=", at)) {
                boolean equal = text.startsWith("==", at);
                at += 2;
                Object right = unary();
                return equal == String.valueOf(left).equals(String.valueOf(right));
            }
            return left;
        }

        private Object unary() {
            skip();
            if (text.startsWith("!", at) && !text.startsWith("!=", at)) {
                at++;
                return !truthy(unary());
            }
            if (text.charAt(at) == '(') {
                at++;
                Object value = expression();
                skip();
                at++; // )
                return value;
            }
            if (text.charAt(at) == '\'') {
                int end = text.indexOf('\'', at + 1);
                String value = text.substring(at + 1, end);
                at = end + 1;
                return value;
            }
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || "._-*".indexOf(text.charAt(at)) >= 0)) {
                at++;
            }
            String word = text.substring(start, at);
            skip();
            if (at < text.length() && text.charAt(at) == '(') {
                at++;
                List<Object> args = new ArrayList<>();
                skip();
                while (text.charAt(at) != ')') {
                    args.add(expression());
                    skip();
                    if (text.charAt(at) == ',') {
                        at++;
                    }
                    skip();
                }
                at++;
                return switch (word) {
                    case "always", "success" -> true;
                    case "contains" -> args.get(0) instanceof List<?> list ? list.contains(args.get(1))
                            : String.valueOf(args.get(0)).contains(String.valueOf(args.get(1)));
                    default -> throw new AssertionError("unsupported function " + word);
                };
            }
            if (!context.containsKey(word) && !word.matches("true|false|[0-9]+")) {
                throw new AssertionError("the rehearsal has no value for " + word + " (add it to the context)");
            }
            return word.equals("true") ? Boolean.TRUE : word.equals("false") ? Boolean.FALSE : context.getOrDefault(word, word);
        }

        private void skip() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
