package com.talkhpb.testing;

import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import com.talkhpb.App;
import com.talkhpb.settings.Settings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Runs the Pulumi program (App::stack) under the SDK's mock engine with a stack config, and records
 * every resource registration exactly as it would reach the engine. Provider outputs the real
 * providers mark secret are answered as secrets.
 */
public final class ProgramRun {
    public static final String AWS_ELASTIC_IP = "198.51.100.40";
    public static final String AWS_PRIVATE_IP = "172.31.16.10";
    public static final String AWS_VPC = "vpc-0123456789abcdef0";
    /**
     * Media node n's public IPv4 is this prefix and 20 + n (Hetzner) or 50 + n (AWS): a public range, as
     * the clouds give, not a documentation one (coturn would need a hole for it).
     */
    public static final String MEDIA_NODE_IPV4_PREFIX = "5.75.130.";
    public static final String DEBIAN_AMI = "ami-0d8e2ea5e3f1c6a10";
    public static final String DEBIAN_ARM64_AMI = "ami-0a1b2c3d4e5f60718";
    /** Explicit AMIs the tests set, as AWS would describe them. */
    public static final String OTHER_X86_AMI = "ami-0123456789abcdef0";
    public static final String OTHER_ARM64_AMI = "ami-0fedcba9876543210";
    private static final Map<String, String> AMI_ARCHITECTURES = Map.of(DEBIAN_AMI, "x86_64", DEBIAN_ARM64_AMI, "arm64",
            OTHER_X86_AMI, "x86_64", OTHER_ARM64_AMI, "arm64");
    public static final String HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHostHostHostHostHostHostHostHostHostHostHost root@hpb";
    public static final String HEALTH_REPORT = "{\"version\":\"2.0.2-2\",\"features\":[\"audio-video-permissions\",\"federation\",\"incall-all\",\"hello-v2\",\"switchto\"]}";

    /**
     * The resource options of a registration that decide what a change does: protection, inputs whose
     * changes the engine ignores or that always replace, the replacement order, whether a delete only
     * forgets the resource, and the names it was known by before (aliases).
     */
    public record Options(boolean protect, List<String> ignoreChanges, List<String> replaceOnChanges,
            Optional<Boolean> deleteBeforeReplace, boolean retainOnDelete, List<String> aliases) {
        public static final Options NONE = new Options(false, List.of(), List.of(), Optional.empty(), false, List.of());

        public boolean deletesBeforeReplacing() {
            return deleteBeforeReplace.orElse(false);
        }
    }

    /** One registered resource: type token, logical name, inputs as sent to the engine, its options. */
    public record Registration(String type, String name, Map<String, Object> inputs, Options options) {
        @Override
        public String toString() {
            return type + " '" + name + "'";
        }
    }

    /** What the engine keeps of a resource between runs: its id and the provider reference it was created with. */
    public record State(String id, String provider) {
    }

    private final TestResult result;
    private final List<Registration> registrations;
    private final List<Registration> invokes;
    private final Map<String, State> states;

    private ProgramRun(TestResult result, List<Registration> registrations, List<Registration> invokes, Map<String, State> states) {
        this.result = result;
        this.registrations = registrations;
        this.invokes = invokes;
        this.states = states;
    }

    /** Runs the program with {@code config} (keys of the talk-hpb namespace, without prefix). */
    public static ProgramRun of(String stack, MapConfig config) {
        return of(stack, config, App::stack);
    }

    /** Runs any program the same way (the startup benchmark's baseline). */
    public static ProgramRun of(String stack, MapConfig config, java.util.function.Consumer<com.pulumi.Context> program) {
        return run(stack, config, program, null);
    }

    /**
     * Runs the program again with a changed config against the state {@code previous} left: a resource
     * keeps its id unless the providers' rules ({@link PlanModel}) replace it, so a replacement reaches
     * whatever depends on the resource's id, as in a real {@code pulumi up}.
     */
    public static ProgramRun after(ProgramRun previous, String stack, MapConfig config) {
        return run(stack, config, App::stack, previous);
    }

    /** The same for any program (the plan model's own tests). */
    public static ProgramRun after(ProgramRun previous, String stack, MapConfig config, java.util.function.Consumer<com.pulumi.Context> program) {
        return run(stack, config, program, previous);
    }

    private static ProgramRun run(String stack, MapConfig config, java.util.function.Consumer<com.pulumi.Context> program,
            ProgramRun previous) {
        Map<String, String> qualified = new LinkedHashMap<>();
        config.keys().forEach(k -> qualified.put(Settings.NAMESPACE + ":" + k, config.get(k).orElseThrow()));
        qualified.put("hcloud:token", "test-token");
        List<Registration> registrations = Collections.synchronizedList(new ArrayList<>());
        List<Registration> invokes = Collections.synchronizedList(new ArrayList<>());
        Map<String, State> states = Collections.synchronizedMap(new LinkedHashMap<>());
        Map<String, Options> options = new java.util.concurrent.ConcurrentHashMap<>();
        FakeProviders providers = new FakeProviders(registrations, invokes, states, options, previous);
        try {
            TestResult result = PulumiTestInternal.builder()
                    .options(TestOptions.builder().projectName(Settings.NAMESPACE).stackName(stack).preview(false).build())
                    .mocks(providers)
                    .monitorDecorator(sdkMonitor -> new RecordingMonitor(providers, options))
                    .config(qualified, Set.of("hcloud:token"))
                    .build()
                    .runTest(program);
            return new ProgramRun(result, List.copyOf(registrations), List.copyOf(invokes), Map.copyOf(states));
        } finally {
            PulumiTest.cleanup();
        }
    }

    public TestResult result() {
        return result;
    }

    public List<Registration> registrations() {
        return registrations;
    }

    /** The provider functions (invokes) the program called, with their arguments. */
    public List<Registration> invokes() {
        return invokes;
    }

    /** The state of the resource {@code type 'name'} after this run, if the run registered it. */
    public Optional<State> state(Registration registration) {
        return Optional.ofNullable(states.get(key(registration.type(), registration.name())));
    }

    /** The registration of the same resource in this run, if any. */
    public Optional<Registration> find(String type, String name) {
        return registrations.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst();
    }

    /**
     * What {@code next} (a registration of a later run) continues from this run: the resource of its
     * type and name, or else one of a name it gives as an alias (the engine treats both as the same).
     */
    public Optional<Registration> findPredecessor(Registration next) {
        return find(next.type(), next.name()).or(() -> next.options().aliases().stream()
                .map(alias -> find(next.type(), alias)).flatMap(Optional::stream).findFirst());
    }

    static String key(String type, String name) {
        return type + "::" + name;
    }

    public List<Registration> ofType(String type) {
        return registrations.stream().filter(r -> r.type().equals(type)).toList();
    }

    public Registration one(String type, String name) {
        return registrations.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " named " + name + " among " + registrations));
    }

    public Object output(String name) {
        Output<?> output = result.outputs().get(name);
        if (output == null) {
            throw new AssertionError("no stack output " + name + "; outputs: " + result.outputs().keySet());
        }
        return PulumiTest.extractValue(output);
    }

    public boolean isSecret(String name) {
        return Internal.of(result.outputs().get(name)).isSecret().join();
    }

    public String errors() {
        return result.errors().stream().collect(Collectors.joining("\n"))
                + result.exceptions().stream().map(Throwable::toString).collect(Collectors.joining("\n"));
    }

    /** Answers for the providers: ids are numbers (hcloud's are), secret outputs are secret. */
    static final class FakeProviders implements Mocks {
        private static final Map<String, String> KEYS = new java.util.concurrent.ConcurrentHashMap<>();
        private final List<Registration> registrations;
        private final List<Registration> invokes;
        private final Map<String, State> states;
        private final Map<String, Options> options;
        private final ProgramRun previous;

        FakeProviders(List<Registration> registrations, List<Registration> invokes, Map<String, State> states,
                Map<String, Options> options, ProgramRun previous) {
            this.registrations = registrations;
            this.invokes = invokes;
            this.states = states;
            this.options = options;
            this.previous = previous;
        }

        @Override
        public synchronized CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
            Registration registration = new Registration(args.type, args.name, args.inputs,
                    options.getOrDefault(key(args.type, args.name), Options.NONE));
            registrations.add(registration);
            // A resource keeps its id across runs, as in real state: derive it from type and name; a
            // replaced one gets a new id, which reaches every resource that refers to it.
            String id = Integer.toString(1000 + Math.floorMod((args.type + "/" + args.name).hashCode(), 900000));
            Map<String, Object> inputs = args.inputs;
            if (previous != null) {
                Optional<Registration> before = previous.findPredecessor(registration);
                if (before.isPresent()) {
                    State old = previous.state(before.get()).orElseThrow();
                    PlanModel.Change change = PlanModel.change(before.get(), old, registration, args.provider);
                    boolean replaced = change.kind() == PlanModel.Kind.REPLACE;
                    id = replaced ? Integer.toString(Integer.parseInt(old.id()) + 1_000_000) : old.id();
                    // As the engine: an ignored input keeps its old value, except in a replacement, which is
                    // created from what the program gives.
                    inputs = replaced ? args.inputs : PlanModel.withIgnoredChangesUndone(before.get().inputs(), registration);
                }
            }
            Map<String, Object> state = new LinkedHashMap<>(inputs);
            switch (args.type) {
                case "random:index/randomPassword:RandomPassword" -> {
                    int length = ((Number) args.inputs.get("length")).intValue();
                    // A keepers change replaces the password, so its value depends on them as in reality.
                    String seed = args.name + args.inputs.get("keepers");
                    state.put("result", Output.ofSecret(SampleValue.alphanumeric(seed, length)));
                    state.put("bcryptHash", Output.ofSecret("$2a$10$mock"));
                }
                case "tls:index/privateKey:PrivateKey" -> {
                    // The same key for as long as the resource lives, a new one when it is replaced.
                    state.put("privateKeyOpenssh", Output.ofSecret(KEYS.computeIfAbsent(args.name + "#" + id, k -> TestKeys.privateKeyPem())));
                    state.put("publicKeyOpenssh", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMockMockMockMockMockMockMockMockMockMockMo\n");
                    if ("RSA".equals(args.inputs.get("algorithm"))) {
                        state.put("privateKeyPem", Output.ofSecret("-----BEGIN RSA PRIVATE KEY-----\nmock " + args.name + "#" + id
                                + "\n-----END RSA PRIVATE KEY-----\n"));
                        state.put("publicKeyPem", "-----BEGIN PUBLIC KEY-----\nmock public half of " + args.name + "#" + id + "\n-----END PUBLIC KEY-----\n");
                    }
                }
                case "hcloud:index/primaryIp:PrimaryIp" ->
                        state.put("ipAddress", "ipv6".equals(args.inputs.get("type")) ? "2001:db8::1" : "198.51.100.10");
                case "hcloud:index/server:Server" -> {
                    state.put("ipv4Address", mediaNode(args.name).map(n -> MEDIA_NODE_IPV4_PREFIX + (20 + n)).orElse("198.51.100.10"));
                    state.put("status", "running");
                }
                case "aws:ec2/eip:Eip" -> {
                    state.put("publicIp", AWS_ELASTIC_IP);
                    state.put("allocationId", "eipalloc-0123456789abcdef0");
                }
                case "aws:ec2/instance:Instance" -> {
                    state.put("privateIp", mediaNode(args.name).map(n -> "172.31.16." + (20 + n)).orElse(AWS_PRIVATE_IP));
                    mediaNode(args.name).ifPresent(n -> state.put("publicIp", MEDIA_NODE_IPV4_PREFIX + (50 + n)));
                    if (args.inputs.containsKey("ipv6AddressCount")) {
                        state.put("ipv6Addresses", List.of("2001:db8:aws::10"));
                    }
                }
                case "command:remote:Command" -> {
                    // Secret, as in real runs: a command's outputs inherit the secretness of its secret inputs.
                    state.put("stdout", Output.ofSecret(switch (args.name) {
                        case "health-check" -> "talk-hpb: ok\n" + HEALTH_REPORT + "\n";
                        case "wait-for-cloud-init", "prepare-host" -> "talk-hpb: cloud-init done; the host key every later step expects:\n" + HOST_KEY + "\n";
                        default -> args.name.endsWith("-wait-for-cloud-init")
                                ? "talk-hpb: cloud-init done; the host key every later step expects:\n" + HOST_KEY + "\n" : "";
                    }));
                    state.put("stderr", "");
                }
                default -> { }
            }
            states.put(key(args.type, args.name), new State(id, args.provider));
            return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
        }

        /** The AWS lookups the program makes, answered as AWS would; any other invoke is a test failure. */
        @Override
        public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
            invokes.add(new Registration(args.token, "invoke", args.args, Options.NONE));
            Map<String, Object> result = switch (args.token) {
                case "aws:ec2/getAmi:getAmi" -> ami(filters(args.args));
                case "aws:ec2/getSubnet:getSubnet" -> Map.of("id", args.args.get("id"), "vpcId", AWS_VPC);
                case "aws:route53/getZone:getZone" -> Map.of("id", "Z0123456789ABC", "zoneId", "Z0123456789ABC",
                        "name", args.args.get("name"));
                default -> throw new AssertionError("unexpected invoke " + args.token);
            };
            return CompletableFuture.completedFuture(result);
        }
    }

    /** The AMI a getAmi lookup finds: by id, or Debian's newest of the architecture asked for. */
    static Map<String, Object> ami(Map<String, String> filters) {
        String id = filters.containsKey("image-id") ? filters.get("image-id")
                : "arm64".equals(filters.get("architecture")) ? DEBIAN_ARM64_AMI : DEBIAN_AMI;
        String architecture = AMI_ARCHITECTURES.get(id);
        if (architecture == null) {
            throw new AssertionError("no AMI " + id + " in this mock AWS");
        }
        return Map.of("id", id, "name", "debian-12-" + (architecture.equals("arm64") ? "arm64" : "amd64") + "-20251112-2294",
                "architecture", architecture, "ownerId", "136693071363");
    }

    /** A lookup's filters as name to first value. */
    @SuppressWarnings("unchecked")
    static Map<String, String> filters(Map<String, Object> lookup) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (Object filter : (List<Object>) lookup.getOrDefault("filters", List.of())) {
            Map<String, Object> f = (Map<String, Object>) filter;
            filters.put((String) f.get("name"), (String) ((List<Object>) f.get("values")).get(0));
        }
        return filters;
    }

    /** Media node n's resources are named media-n-…: its number. */
    static Optional<Integer> mediaNode(String resourceName) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("media-([0-9]+)-.*").matcher(resourceName);
        return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** Deterministic stand-ins for generated secrets. */
    static final class SampleValue {
        private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

        static String alphanumeric(String seed, int length) {
            java.util.Random random = new java.util.Random(seed.hashCode());
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < length; i++) {
                out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            return out.toString();
        }
    }
}
