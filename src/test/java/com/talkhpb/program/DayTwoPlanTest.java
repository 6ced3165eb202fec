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

    /**
     * A change: the config before, and the config after on each kind of host (all from the same valid
     * base); null where the change is not a setting of that host.
     */
    record Case(String change, UnaryOperator<MapConfig> before, UnaryOperator<MapConfig> hcloud, UnaryOperator<MapConfig> aws,
            UnaryOperator<MapConfig> existing) {
        static Case of(String change, UnaryOperator<MapConfig> all) {
            return new Case(change, c -> c, all, all, all);
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
                Case.of("`adminSshKeys`", c -> c.with("adminSshKeys", ADMIN_KEY)),
                Case.of("`tlsMode` (acme to self-signed)", c -> c.with("tlsMode", "self-signed").without("acmeEmail")),
                Case.of("`signalingVersion`", c -> c.with("signalingVersion", "2.0.2-2+b2")),
                Case.onClouds("`serverType`", c -> c.with("serverType", "cx33"), c -> c.with("serverType", "t3.large")),
                Case.onClouds("`image`", c -> c.with("image", "123456789"), c -> c.with("image", "ami-0123456789abcdef0")),
                Case.onClouds("`location`", c -> c.with("location", "fsn1"), c -> c.with("location", "eu-west-1")),
                Case.onExisting("`hostIpv4` (another server)", c -> c.with("hostIpv4", "203.0.113.20")),
                Case.onExisting("`hostIpv6` (added)", c -> c.with("hostIpv6", "2001:db8::10")),
                Case.onExisting("`sshPort` (sshd moved)", c -> c.with("sshPort", "2222")),
                Case.onExisting("`purgePackagesOnDestroy`", c -> c.with("purgePackagesOnDestroy", "true")),
                Case.onClouds("add the first media node (`mediaNodes` 0 to 1)", c -> c.with("mediaNodes", "1"), c -> c.with("mediaNodes", "1")),
                new Case("add a media node (`mediaNodes` 1 to 2)", c -> c.with("mediaNodes", "1"), c -> c.with("mediaNodes", "2"),
                        c -> c.with("mediaNodes", "2"), null),
                new Case("remove a media node (`mediaNodes` 2 to 1)", c -> c.with("mediaNodes", "2"), c -> c.with("mediaNodes", "1"),
                        c -> c.with("mediaNodes", "1"), null),
                new Case("`mediaNodeServerType`", c -> c.with("mediaNodes", "1"), c -> c.with("mediaNodes", "1").with("mediaNodeServerType", "cx33"),
                        c -> c.with("mediaNodes", "1").with("mediaNodeServerType", "t3.large"), null),
                Case.of("`protect` (true to false)", c -> c.with("protect", "false")));
    }

    static Map<String, Change> plan(String cloud, UnaryOperator<MapConfig> before, UnaryOperator<MapConfig> after) {
        MapConfig base = switch (cloud) {
            case "aws" -> MapConfig.valid().with("cloud", "aws");
            case "existing" -> MapConfig.valid().with("cloud", "existing").with("hostIpv4", "203.0.113.10")
                    .with("sshPrivateKey", com.talkhpb.testing.TestKeys.privateKeyPem());
            default -> MapConfig.valid();
        };
        ProgramRun first = ProgramRun.of("prod", before.apply(base));
        assertThat(first.result().exceptions()).as(first.errors()).isEmpty();
        ProgramRun second = ProgramRun.after(first, "prod", after.apply(base));
        assertThat(second.result().exceptions()).as(second.errors()).isEmpty();
        return PlanModel.plan(first, second);
    }

    /** The resources that change, in Pulumi's preview symbols; generated secrets and components summed up. */
    static String summary(Map<String, Change> plan) {
        Map<String, String> cells = new LinkedHashMap<>();
        int secrets = 0;
        Kind secretsKind = null;
        for (Map.Entry<String, Change> e : plan.entrySet()) {
            if (e.getValue().kind() == Kind.SAME || e.getKey().startsWith("talk-hpb:")) {
                continue;
            }
            if (e.getKey().startsWith("random:")) {
                secrets++;
                secretsKind = e.getValue().kind();
                continue;
            }
            String name = e.getKey().substring(e.getKey().indexOf('\'') + 1, e.getKey().length() - 1);
            String type = e.getKey().substring(e.getKey().lastIndexOf(':', e.getKey().indexOf(' ')) + 1, e.getKey().indexOf(' '));
            cells.put(type.equals("Command") ? "step " + name : type + " " + name, symbol(e.getValue().kind()));
        }
        List<String> parts = new ArrayList<>();
        if (secrets > 0) {
            parts.add(symbol(secretsKind) + " " + secrets + (secrets == 1 ? " secret" : " secrets"));
        }
        // Registration order varies between runs: cloud resources by name, then the steps in the order they run.
        cells.entrySet().stream()
                .sorted(java.util.Comparator.comparing((Map.Entry<String, String> e) -> stepRank(e.getKey())).thenComparing(Map.Entry::getKey))
                .forEach(e -> parts.add(e.getValue() + " " + e.getKey()));
        return parts.isEmpty() ? "nothing" : String.join(", ", parts);
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
        for (Case c : cases()) {
            if (List.of("`image`", "`location`", "`hostIpv4` (another server)").contains(c.change())) {
                continue;
            }
            for (String cloud : HOSTS) {
                if (c.after(cloud) == null) {
                    continue;
                }
                Map<String, Change> plan = plan(cloud, c.before(), c.after(cloud));
                plan.forEach((resource, change) -> {
                    // A DNS record's name is its identity at both providers: a new name is a new record.
                    boolean dnsRecord = resource.startsWith("hcloud:index/zoneRrset:") || resource.startsWith("aws:route53/record:");
                    if (!resource.startsWith("random:") && !dnsRecord) {
                        assertThat(change.kind()).as("%s on %s: %s", c.change(), cloud, resource).isNotEqualTo(Kind.REPLACE);
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
            Map<String, Change> plan = plan(cloud, c -> c, c -> c.with("image", cloud.equals("aws") ? "ami-0123456789abcdef0" : "123456789"));
            for (String step : STEPS) {
                assertThat(plan.get(COMMAND + " '" + step + "'")).as("%s on %s", step, cloud)
                        .isEqualTo(new Change(Kind.REPLACE, List.of("triggers")));
            }
        }
    }

    @Test
    void anotherAddressForAnExistingServerIsAnotherServerOnWhichEveryStepRunsAgain() {
        Map<String, Change> plan = plan("existing", c -> c, c -> c.with("hostIpv4", "203.0.113.20"));
        for (String step : List.of("prepare-host", "configure", "health-check")) {
            assertThat(plan.get(COMMAND + " '" + step + "'")).as(step).isEqualTo(new Change(Kind.REPLACE, List.of("triggers")));
        }
    }

    @Test
    void aNoOpUpdateRunsNoRemoteStep() {
        for (String cloud : HOSTS) {
            Map<String, Change> plan = plan(cloud, c -> c, c -> c);
            assertThat(plan.values().stream().map(Change::kind).collect(Collectors.toSet())).as(cloud).containsOnly(Kind.SAME);
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
}
