package com.talkhpb.program;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.PlanModel;
import com.talkhpb.testing.PlanModel.Change;
import com.talkhpb.testing.PlanModel.Kind;
import com.talkhpb.testing.ProgramRun;
import com.talkhpb.testing.ProviderSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The plan of every day-two change, per resource, as the providers' replace-on-change rules make it
 * (PlanModel): configuration updates the provisioning steps in place and never replaces a server or
 * a step; a new machine re-runs every step; the health check runs whenever a step before it runs.
 * README's "What a change does" table is this test's output.
 */
class DayTwoPlanTest {
    static final String COMMAND = "command:remote:Command";
    static final List<String> STEPS = List.of("wait-for-cloud-init", "configure", "health-check");
    /** The steps in the order they run, on any host: an existing server is prepared instead of waited for. */
    static final List<String> STEP_ORDER = List.of("prepare-host", "wait-for-cloud-init", "configure", "health-check");
    static final List<String> HOSTS = List.of("hcloud", "aws", "existing");
    static final String TWO_NEXTCLOUDS = "[{\"url\":\"https://cloud.example.com\"},{\"url\":\"https://second.example.com\"}]";
    static final String ADMIN_KEY = "[\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAdminAdminAdminAdminAdminAdminAdminAdminAdm admin@laptop\"]";
    static final UnaryOperator<MapConfig> UNPROTECTED = c -> c.with("protect", "false");
    static final String IMAGE = "`image`";
    static final String LOCATION = "`location`";
    /** The changes that give the stack another machine: every step runs again on it. */
    static final List<String> NEW_MACHINE = List.of(IMAGE, LOCATION, "`hostIpv4` (another server",
            "`serverType` to another architecture, with an AMI of it");

    /**
     * A change: the config before, and the config after on each kind of host (all from the same valid
     * base); null where the change is not a setting of that host.
     */
    record Case(String change, UnaryOperator<MapConfig> before, UnaryOperator<MapConfig> hcloud, UnaryOperator<MapConfig> aws,
            UnaryOperator<MapConfig> existing) {
        static Case of(String change, UnaryOperator<MapConfig> all) {
            return new Case(change, c -> c, all, all, all);
        }

        static Case of(String change, UnaryOperator<MapConfig> before, UnaryOperator<MapConfig> all) {
            return new Case(change, before, all, all, all);
        }

        static Case onClouds(String change, UnaryOperator<MapConfig> hcloud, UnaryOperator<MapConfig> aws) {
            return new Case(change, c -> c, hcloud, aws, null);
        }

        static Case onExisting(String change, UnaryOperator<MapConfig> existing) {
            return new Case(change, c -> c, null, null, existing);
        }

        UnaryOperator<MapConfig> after(String host) {
            return switch (host) {
                case "hcloud" -> hcloud;
                case "aws" -> aws;
                default -> existing;
            };
        }
    }

    static List<Case> cases() {
        return List.of(
                Case.of("nothing (a no-op `pulumi up`)", c -> c),
                Case.of("add a Nextcloud", c -> c.with("nextcloud", TWO_NEXTCLOUDS)),
                new Case("remove a Nextcloud", c -> c.with("nextcloud", TWO_NEXTCLOUDS), c -> c, c -> c, c -> c),
                Case.of("rotate every secret (`secretsGeneration`)", c -> c.with("secretsGeneration", "2")),
                Case.of("`turnPort`", c -> c.with("turnPort", "3479")),
                Case.of("`rtpPortRange`", c -> c.with("rtpPortRange", "30000-39999")),
                Case.of("`turnsName` (to off)", c -> c.with("turnsName", "off")),
                new Case("`turnsName` renamed, with `dnsZone`", c -> c.with("dnsZone", "example.com"),
                        c -> c.with("dnsZone", "example.com").with("turnsName", "relay.example.com"),
                        c -> c.with("dnsZone", "example.com").with("turnsName", "relay.example.com"), null),
                Case.onExisting("`turnsName` renamed (DNS is yours)", c -> c.with("turnsName", "relay.example.com")),
                Case.of("`connectionsPerAddress`", c -> c.with("connectionsPerAddress", "2000")),
                Case.of("`sshSourceCidrs`", c -> c.with("sshSourceCidrs", "[\"203.0.113.0/24\"]")),
                Case.of("`metricsSourceCidrs` (metrics on)", c -> c.with("metricsSourceCidrs", "[\"198.51.100.9/32\"]")),
                new Case("`metricsSourceCidrs` changed", c -> c.with("metricsSourceCidrs", "[\"198.51.100.9/32\"]"),
                        c -> c.with("metricsSourceCidrs", "[\"198.51.100.0/24\"]"), c -> c.with("metricsSourceCidrs", "[\"198.51.100.0/24\"]"), null),
                new Case("`metricsSourceCidrs` removed (metrics off)", c -> c.with("metricsSourceCidrs", "[\"198.51.100.9/32\"]"),
                        c -> c, c -> c, null),
                Case.of("`adminSshKeys`", c -> c.with("adminSshKeys", ADMIN_KEY)),
                Case.of("`tlsMode` (acme to self-signed)", c -> c.with("tlsMode", "self-signed").without("acmeEmail")),
                Case.of("`signalingVersion`", c -> c.with("signalingVersion", "2.0.2-2+b2")),
                Case.onClouds("`serverType`", c -> c.with("serverType", "cx33"), c -> c.with("serverType", "t3.large")),
                new Case("`serverType` to another architecture (x86_64 to Graviton, `image: debian-12`)", c -> c, null,
                        c -> c.with("serverType", "t4g.medium"), null),
                new Case("`serverType` to another architecture, with an AMI of it and `protect: false`", UNPROTECTED, null,
                        c -> UNPROTECTED.apply(c).with("serverType", "t4g.medium").with("image", ProgramRun.OTHER_ARM64_AMI), null),
                Case.onClouds(IMAGE + " (protected stack: `protect` true, the default)", c -> c.with("image", "123456789"),
                        c -> c.with("image", ProgramRun.OTHER_X86_AMI)),
                new Case(IMAGE + " with `protect: false`", UNPROTECTED, c -> UNPROTECTED.apply(c).with("image", "123456789"),
                        c -> UNPROTECTED.apply(c).with("image", ProgramRun.OTHER_X86_AMI), null),
                Case.onClouds(IMAGE + " and `protect: false` in one run", c -> UNPROTECTED.apply(c).with("image", "123456789"),
                        c -> UNPROTECTED.apply(c).with("image", ProgramRun.OTHER_X86_AMI)),
                new Case(IMAGE + " back to `debian-12`, with `protect: false`", c -> UNPROTECTED.apply(c).with("image", ProgramRun.OTHER_X86_AMI),
                        null, UNPROTECTED, null),
                Case.onClouds(LOCATION + " (protected stack)", c -> c.with("location", "fsn1"), c -> c.with("location", "eu-west-1")),
                new Case(LOCATION + " with `protect: false`", UNPROTECTED, c -> UNPROTECTED.apply(c).with("location", "fsn1"),
                        c -> UNPROTECTED.apply(c).with("location", "eu-west-1"), null),
                new Case(IMAGE + " with media nodes and `protect: false`", c -> UNPROTECTED.apply(c).with("mediaNodes", "1"),
                        c -> UNPROTECTED.apply(c).with("mediaNodes", "1").with("image", "123456789"),
                        c -> UNPROTECTED.apply(c).with("mediaNodes", "1").with("image", ProgramRun.OTHER_X86_AMI), null),
                new Case(LOCATION + " with media nodes and `protect: false`", c -> UNPROTECTED.apply(c).with("mediaNodes", "1"),
                        c -> UNPROTECTED.apply(c).with("mediaNodes", "1").with("location", "fsn1"),
                        c -> UNPROTECTED.apply(c).with("mediaNodes", "1").with("location", "eu-west-1"), null),
                Case.onExisting("`hostIpv4` (another server; protected stack)", c -> c.with("hostIpv4", "203.0.113.20")),
                new Case("`hostIpv4` (another server) with `protect: false`", UNPROTECTED, null, null,
                        c -> UNPROTECTED.apply(c).with("hostIpv4", "203.0.113.20")),
                Case.onExisting("`hostIpv6` (added)", c -> c.with("hostIpv6", "2001:db8::10")),
                Case.onExisting("`sshPort` (sshd moved)", c -> c.with("sshPort", "2222")),
                Case.onExisting("`sshHostKey` (the server's key changed)", c -> c.with("sshHostKey", com.talkhpb.testing.TestKeys.FIXTURE_HOST_KEY)),
                Case.onExisting("`purgePackagesOnDestroy`", c -> c.with("purgePackagesOnDestroy", "true")),
                Case.onClouds("add the first media node (`mediaNodes` 0 to 1)", c -> c.with("mediaNodes", "1"), c -> c.with("mediaNodes", "1")),
                new Case("add a media node (`mediaNodes` 1 to 2)", c -> c.with("mediaNodes", "1"), c -> c.with("mediaNodes", "2"),
                        c -> c.with("mediaNodes", "2"), null),
                new Case("remove a media node (`mediaNodes` 2 to 1)", c -> c.with("mediaNodes", "2"), c -> c.with("mediaNodes", "1"),
                        c -> c.with("mediaNodes", "1"), null),
                new Case("`mediaNodeServerType`", c -> c.with("mediaNodes", "1"), c -> c.with("mediaNodes", "1").with("mediaNodeServerType", "cx33"),
                        c -> c.with("mediaNodes", "1").with("mediaNodeServerType", "t3.large"), null),
                Case.of("`protect` (true to false)", c -> c.with("protect", "false")),
                Case.of("`protect` (false to true)", UNPROTECTED, c -> c));
    }

    /** The plan of a change: what happens to each resource, or why the program stopped before any. */
    record Plan(Map<String, Change> changes, String programError) {
        Change get(String resource) {
            return changes.get(resource);
        }
    }

    static Plan plan(String cloud, UnaryOperator<MapConfig> before, UnaryOperator<MapConfig> after) {
        MapConfig base = switch (cloud) {
            case "aws" -> MapConfig.valid().with("cloud", "aws");
            case "existing" -> MapConfig.valid().with("cloud", "existing").with("hostIpv4", "203.0.113.10").with("sshHostKey", com.talkhpb.testing.TestKeys.HOST_KEY)
                    .with("sshPrivateKey", com.talkhpb.testing.TestKeys.privateKeyPem());
            default -> MapConfig.valid();
        };
        ProgramRun first = ProgramRun.of("prod", before.apply(base));
        assertThat(first.result().exceptions()).as(first.errors()).isEmpty();
        ProgramRun second = ProgramRun.after(first, "prod", after.apply(base));
        String error = second.result().exceptions().stream().map(DayTwoPlanTest::rootMessage).findFirst().orElse("");
        return new Plan(PlanModel.plan(first, second), error);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /**
     * The resources that change, in Pulumi's preview symbols; generated secrets and components summed
     * up. A refusal (by the engine's protection, the cloud's, or the program's own check) stops the run
     * at the preview: nothing changes, and the cell says why.
     */
    static String summary(Plan plan) {
        if (!plan.programError().isEmpty()) {
            return "**stops at the preview**, nothing changes: " + plan.programError().replace("\n  - ", " ");
        }
        Map<String, String> cells = new LinkedHashMap<>();
        List<String> refusals = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int secrets = 0;
        Kind secretsKind = null;
        for (Map.Entry<String, Change> e : plan.changes().entrySet()) {
            Change change = e.getValue();
            if (change.kind() == Kind.SAME || e.getKey().startsWith("talk-hpb:")) {
                continue;
            }
            if (e.getKey().startsWith("random:") && change.kind() != Kind.REFUSED) {
                secrets++;
                secretsKind = change.kind();
                continue;
            }
            String name = e.getKey().substring(e.getKey().indexOf('\'') + 1, e.getKey().length() - 1);
            String type = e.getKey().substring(e.getKey().lastIndexOf(':', e.getKey().indexOf(' ')) + 1, e.getKey().indexOf(' '));
            String cell = type.equals("Command") ? "step " + name : type + " " + name;
            if (change.kind() == Kind.REFUSED) {
                refusals.add(cell + " (" + change.note() + ")");
            } else if (change.kind() == Kind.FAILS) {
                failures.add(cell + " (" + change.note() + ")");
            } else {
                cells.put(cell, symbol(change.kind()) + (change.note().isEmpty() ? "" : " (" + change.note() + ")"));
            }
        }
        if (!refusals.isEmpty()) {
            return "**refused** at the preview, nothing changes: " + String.join(", ", refusals.stream().sorted().toList());
        }
        if (!failures.isEmpty()) {
            return "**fails** during `pulumi up`, where the provider deletes " + String.join(", ", failures.stream().sorted().toList());
        }
        List<String> parts = new ArrayList<>();
        if (secrets > 0) {
            parts.add(symbol(secretsKind) + " " + secrets + (secrets == 1 ? " secret" : " secrets"));
        }
        // Registration order varies between runs: cloud resources by name, then the steps in the order they run.
        cells.entrySet().stream()
                .sorted(java.util.Comparator.comparing((Map.Entry<String, String> e) -> stepRank(e.getKey())).thenComparing(Map.Entry::getKey))
                .forEach(e -> parts.add(placeNote(e.getValue(), e.getKey())));
        return parts.isEmpty() ? "nothing" : String.join(", ", parts);
    }

    /** "+- (deleted first)" and "Server server" become "+- Server server (deleted first)". */
    private static String placeNote(String symbolAndNote, String resource) {
        int note = symbolAndNote.indexOf(" (");
        return note < 0 ? symbolAndNote + " " + resource
                : symbolAndNote.substring(0, note) + " " + resource + symbolAndNote.substring(note);
    }

    /** Cloud resources first, then the steps in the order they run (a media node's after the HPB's). */
    static int stepRank(String cell) {
        if (!cell.startsWith("step ")) {
            return 0;
        }
        String step = cell.substring("step ".length());
        String own = step.replaceFirst("^media-[0-9]+-", "");
        return 1 + STEP_ORDER.indexOf(own) + (own.equals(step) ? 0 : STEP_ORDER.size());
    }

    static String symbol(Kind kind) {
        return switch (kind) {
            case CREATE -> "+";
            case UPDATE -> "~";
            case REPLACE -> "+-";
            case DELETE -> "-";
            case FORGET -> "forget";
            case REFUSED -> "refused";
            case FAILS -> "fails";
            case SAME -> "=";
        };
    }

    static String table() {
        StringBuilder table = new StringBuilder("| change | Hetzner Cloud | AWS | existing server |\n|---|---|---|---|\n");
        for (Case c : cases()) {
            table.append("| ").append(c.change());
            for (String host : HOSTS) {
                table.append(" | ").append(c.after(host) == null ? "(not a setting here)" : summary(plan(host, c.before(), c.after(host))));
            }
            table.append(" |\n");
        }
        return table.toString();
    }

    @Test
    void readmeSaysWhatEachChangeDoesExactlyAsTheProvidersRulesMakeIt() throws Exception {
        String table = table();
        System.out.println(table);
        String readme = Files.readString(Path.of("README.md"));
        String begin = "<!-- plan table: DayTwoPlanTest -->\n";
        String end = "<!-- end of plan table -->";
        assertThat(readme).contains(begin, end);
        String inReadme = readme.substring(readme.indexOf(begin) + begin.length(), readme.indexOf(end));
        assertThat(inReadme).as("README's table; this test printed the current one above").isEqualTo(table);
    }

    @Test
    void noConfigurationChangeReplacesAServerOrAProvisioningStepAndEveryOneReachesTheHost() {
        assertNoConfigurationChangeReplacesAMachineOrAStep(c -> c);
    }

    /** The same on a stack with two media nodes: their servers and steps stay too. */
    @Test
    void withMediaNodesNoConfigurationChangeReplacesAServerOrAProvisioningStepEither() {
        assertNoConfigurationChangeReplacesAMachineOrAStep(c -> c.with("mediaNodes", "2"));
    }

    private static void assertNoConfigurationChangeReplacesAMachineOrAStep(UnaryOperator<MapConfig> base) {
        for (Case c : cases()) {
            if (NEW_MACHINE.stream().anyMatch(c.change()::startsWith) || c.change().contains("media node")) {
                continue;
            }
            for (String cloud : HOSTS) {
                if (c.after(cloud) == null || cloud.equals("existing") && !base.apply(MapConfig.valid()).equals(MapConfig.valid())) {
                    continue;
                }
                Plan plan = plan(cloud, cfg -> c.before().apply(base.apply(cfg)), cfg -> c.after(cloud).apply(base.apply(cfg)));
                if (!plan.programError().isEmpty()) {
                    continue; // the run stops at the preview: nothing changes
                }
                plan.changes().forEach((resource, change) -> {
                    // A DNS record's name is its identity at both providers: a new name is a new record.
                    boolean dnsRecord = resource.startsWith("hcloud:index/zoneRrset:") || resource.startsWith("aws:route53/record:");
                    // A rotation replaces every secret; the media token key by a new name.
                    boolean secret = resource.startsWith("random:") || resource.contains("'media-token-key-");
                    if (!secret && !dnsRecord) {
                        assertThat(change.kind()).as("%s on %s: %s", c.change(), cloud, resource).isIn(Kind.SAME, Kind.UPDATE, Kind.CREATE);
                    }
                });
                Kind configure = plan.get(COMMAND + " 'configure'").kind();
                Kind health = plan.get(COMMAND + " 'health-check'").kind();
                if (configure != Kind.SAME) {
                    assertThat(health).as("%s on %s: configure runs, so the health check must", c.change(), cloud).isNotEqualTo(Kind.SAME);
                }
            }
        }
    }

    @Test
    void aNewMachineReplacesEveryProvisioningStepSoAllOfThemRunOnIt() {
        for (String cloud : List.of("hcloud", "aws")) {
            Plan plan = plan(cloud, UNPROTECTED,
                    c -> UNPROTECTED.apply(c).with("image", cloud.equals("aws") ? ProgramRun.OTHER_X86_AMI : "123456789"));
            for (String step : STEPS) {
                assertThat(plan.get(COMMAND + " '" + step + "'")).as("%s on %s", step, cloud)
                        .isEqualTo(new Change(Kind.REPLACE, List.of("triggers")));
            }
        }
    }

    @Test
    void aProtectedServerIsNeverReplacedTheRunIsRefusedAndNothingChanges() {
        for (String cloud : List.of("hcloud", "aws")) {
            Plan plan = plan(cloud, c -> c, c -> c.with("image", cloud.equals("aws") ? ProgramRun.OTHER_X86_AMI : "123456789"));
            String server = cloud.equals("aws") ? "aws:ec2/instance:Instance 'server'" : "hcloud:index/server:Server 'server'";
            assertThat(plan.get(server)).as(cloud).isEqualTo(new Change(Kind.REFUSED, List.of(cloud.equals("aws") ? "ami" : "image"), "protected"));
            assertThat(summary(plan)).as(cloud).startsWith("**refused** at the preview, nothing changes");
        }
    }

    @Test
    void onHetznerTheRunThatLiftsProtectionCannotAlsoReplaceTheServerWhileOnAwsItCan() {
        Plan hetzner = plan("hcloud", c -> c, c -> UNPROTECTED.apply(c).with("image", "123456789"));
        assertThat(hetzner.get("hcloud:index/server:Server 'server'").kind()).isEqualTo(Kind.FAILS);
        assertThat(hetzner.get("hcloud:index/server:Server 'server'").note()).contains("delete protection");

        Plan aws = plan("aws", c -> c, c -> UNPROTECTED.apply(c).with("image", ProgramRun.OTHER_X86_AMI));
        assertThat(aws.get("aws:ec2/instance:Instance 'server'").kind()).isEqualTo(Kind.REPLACE);
    }

    @Test
    void onAwsAnExplicitAmiReplacesTheInstanceWhileANewerDebianReleaseDoesNot() {
        Plan explicit = plan("aws", UNPROTECTED, c -> UNPROTECTED.apply(c).with("image", ProgramRun.OTHER_X86_AMI));
        assertThat(explicit.get("aws:ec2/instance:Instance 'server'")).isEqualTo(new Change(Kind.REPLACE, List.of("ami")));

        Plan backToDebian = plan("aws", c -> UNPROTECTED.apply(c).with("image", ProgramRun.OTHER_X86_AMI), UNPROTECTED);
        assertThat(backToDebian.get("aws:ec2/instance:Instance 'server'").kind()).isEqualTo(Kind.SAME);
    }

    @Test
    void anArchitectureTheServersAmiCannotRunStopsTheRunNamingTheSettingsAndTheFix() {
        Plan sticky = plan("aws", c -> c, c -> c.with("serverType", "t4g.medium"));
        assertThat(sticky.programError()).contains("talk-hpb:serverType t4g.medium runs arm64", ProgramRun.DEBIAN_AMI + " (x86_64)",
                "set talk-hpb:image to an arm64 Debian 12 AMI");

        Plan explicit = plan("aws", c -> c, c -> c.with("image", ProgramRun.OTHER_ARM64_AMI));
        assertThat(explicit.programError()).contains("talk-hpb:image " + ProgramRun.OTHER_ARM64_AMI + " is an arm64 image",
                "talk-hpb:serverType t3.medium runs x86_64");

        Plan nodes = plan("aws", c -> c.with("mediaNodes", "1"), c -> c.with("mediaNodes", "1").with("mediaNodeServerType", "c7g.large"));
        assertThat(nodes.programError()).contains("talk-hpb:mediaNodeServerType c7g.large runs arm64");

        Plan both = plan("aws", UNPROTECTED, c -> UNPROTECTED.apply(c).with("serverType", "t4g.medium").with("image", ProgramRun.OTHER_ARM64_AMI));
        assertThat(both.programError()).isEmpty();
        assertThat(both.get("aws:ec2/instance:Instance 'server'")).isEqualTo(new Change(Kind.REPLACE, List.of("ami")));
    }

    @Test
    void anotherAddressForAnExistingServerIsAnotherServerOnWhichEveryStepRunsAgain() {
        Plan plan = plan("existing", UNPROTECTED, c -> UNPROTECTED.apply(c).with("hostIpv4", "203.0.113.20"));
        for (String step : List.of("prepare-host", "configure", "health-check")) {
            assertThat(plan.get(COMMAND + " '" + step + "'")).as(step).isEqualTo(new Change(Kind.REPLACE, List.of("triggers")));
        }
    }

    @Test
    void aNoOpUpdateRunsNoRemoteStep() {
        for (String cloud : HOSTS) {
            Plan plan = plan(cloud, c -> c, c -> c);
            assertThat(plan.changes().values().stream().map(Change::kind).collect(Collectors.toSet())).as(cloud).containsOnly(Kind.SAME);
        }
    }

    @Test
    void theRulesForTheProvidersWithASchemaHereAreTheSchemasOwn() {
        ProviderSchemas schemas = ProviderSchemas.loadOrSkip();
        for (String type : List.of("hcloud:index/server:Server", "command:remote:Command")) {
            List<String> replacing = new ArrayList<>();
            schemas.resource(type).orElseThrow().path("inputs").fields().forEachRemaining(p -> {
                if (p.getValue().path("willReplaceOnChanges").asBoolean() || p.getValue().path("replaceOnChanges").asBoolean()) {
                    replacing.add(p.getKey());
                }
            });
            assertThat(PlanModel.rules().get(type)).as(type).containsExactlyInAnyOrderElementsOf(replacing);
        }
    }

    /**
     * Every rule names an input its resource has: the schema's (hcloud, random, tls, command) or, for
     * AWS, an input of the official SDK's Args class; a misspelt rule would never apply.
     */
    @Test
    void everyRuleNamesAnInputItsResourceHas() throws Exception {
        ProviderSchemas schemas = ProviderSchemas.loadOrSkip();
        for (Map.Entry<String, List<String>> type : PlanModel.rules().entrySet()) {
            java.util.Set<String> inputs = new java.util.TreeSet<>();
            if (type.getKey().startsWith("aws:") || type.getKey().equals("pulumi:providers:aws")) {
                for (java.lang.reflect.Field field : awsArgs(type.getKey()).getDeclaredFields()) {
                    com.pulumi.core.annotations.Import input = field.getAnnotation(com.pulumi.core.annotations.Import.class);
                    if (input != null) {
                        inputs.add(input.name());
                    }
                }
            } else {
                schemas.resource(type.getKey()).orElseThrow(() -> new AssertionError("no schema for " + type.getKey()))
                        .path("inputs").fieldNames().forEachRemaining(inputs::add);
            }
            for (String rule : type.getValue()) {
                for (String input : rule.split("\\?")) {
                    assertThat(inputs).as("%s: rule %s", type.getKey(), rule).contains(input.split("\\.")[0]);
                }
            }
        }
    }

    /** aws:ec2/instance:Instance is com.pulumi.aws.ec2.InstanceArgs; the provider is com.pulumi.aws.ProviderArgs. */
    private static Class<?> awsArgs(String type) throws ClassNotFoundException {
        if (type.equals("pulumi:providers:aws")) {
            return Class.forName("com.pulumi.aws.ProviderArgs");
        }
        String module = type.substring("aws:".length(), type.indexOf('/'));
        return Class.forName("com.pulumi.aws." + module + "." + type.substring(type.lastIndexOf(':') + 1) + "Args");
    }
}
