package com.talkhpb.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.testing.PlanModel.Change;
import com.talkhpb.testing.PlanModel.Kind;
import com.talkhpb.testing.ProgramRun.Options;
import com.talkhpb.testing.ProgramRun.Registration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The plan model applies resource options as the engine's step generator does. */
class PlanModelTest {
    static final String INSTANCE = "aws:ec2/instance:Instance";
    static final String SERVER = "hcloud:index/server:Server";
    static final ProgramRun.State STATE = new ProgramRun.State("1001", "provider-1");

    static Registration instance(String ami, String type, Options options) {
        return new Registration(INSTANCE, "server", Map.of("ami", ami, "instanceType", type), options);
    }

    static Options options(boolean protect, List<String> ignore, List<String> replaceOnChanges) {
        return new Options(protect, ignore, replaceOnChanges, Optional.empty(), false, List.of());
    }

    @Test
    void anIgnoredInputNeitherUpdatesNorReplacesButAnotherChangeStillCounts() {
        Options ignoreAmi = options(false, List.of("ami"), List.of());
        Registration old = instance("ami-1", "t3.medium", ignoreAmi);

        assertThat(PlanModel.change(old, STATE, instance("ami-2", "t3.medium", ignoreAmi), "provider-1").kind()).isEqualTo(Kind.SAME);
        assertThat(PlanModel.change(old, STATE, instance("ami-2", "t3.large", ignoreAmi), "provider-1"))
                .isEqualTo(new Change(Kind.UPDATE, List.of("instanceType")));
        assertThat(PlanModel.withIgnoredChangesUndone(old.inputs(), instance("ami-2", "t3.large", ignoreAmi)))
                .containsEntry("ami", "ami-1").containsEntry("instanceType", "t3.large");
    }

    @Test
    void withoutIgnoreChangesTheProvidersRuleReplaces() {
        Options none = options(false, List.of(), List.of());
        assertThat(PlanModel.change(instance("ami-1", "t3.medium", none), STATE, instance("ami-2", "t3.medium", none), "provider-1"))
                .isEqualTo(new Change(Kind.REPLACE, List.of("ami")));
    }

    @Test
    void replaceOnChangesMakesAnUpdateAReplacement() {
        Options replaceOnType = options(false, List.of(), List.of("instanceType"));
        assertThat(PlanModel.change(instance("ami-1", "t3.medium", replaceOnType), STATE, instance("ami-1", "t3.large", replaceOnType),
                "provider-1")).isEqualTo(new Change(Kind.REPLACE, List.of("instanceType")));
    }

    @Test
    void aReplacementOfAResourceProtectedBeforeAndAfterIsRefusedButTheRunThatLiftsProtectionMayReplace() {
        Registration old = instance("ami-1", "t3.medium", options(true, List.of(), List.of()));

        assertThat(PlanModel.change(old, STATE, instance("ami-2", "t3.medium", options(true, List.of(), List.of())), "provider-1"))
                .isEqualTo(new Change(Kind.REFUSED, List.of("ami"), "protected"));
        assertThat(PlanModel.change(old, STATE, instance("ami-2", "t3.medium", options(false, List.of(), List.of())), "provider-1").kind())
                .isEqualTo(Kind.REPLACE);
        assertThat(PlanModel.deletion(old)).isEqualTo(new Change(Kind.REFUSED, List.of(), "protected"));
    }

    @Test
    void aServerWhoseCloudProtectionIsOnInItsLastStateFailsAtTheProvidersDelete() {
        Options unprotected = options(false, List.of(), List.of());
        Registration old = new Registration(SERVER, "server", Map.of("image", "debian-12", "deleteProtection", true), unprotected);
        Registration next = new Registration(SERVER, "server", Map.of("image", "123", "deleteProtection", false), unprotected);

        Change change = PlanModel.change(old, STATE, next, "provider-1");
        assertThat(change.kind()).isEqualTo(Kind.FAILS);
        assertThat(change.note()).contains("delete protection");
    }

    @Test
    void deleteBeforeReplaceIsNotedAndRetainOnDeleteForgets() {
        Options first = new Options(false, List.of(), List.of(), Optional.of(true), false, List.of());
        Change replaced = PlanModel.change(new Registration(SERVER, "server", Map.of("image", "a"), first), STATE,
                new Registration(SERVER, "server", Map.of("image", "b"), first), "provider-1");
        assertThat(replaced).isEqualTo(new Change(Kind.REPLACE, List.of("image"), "deleted first"));

        Options retain = new Options(false, List.of(), List.of(), Optional.empty(), true, List.of());
        assertThat(PlanModel.deletion(new Registration(SERVER, "server", Map.of(), retain)).kind()).isEqualTo(Kind.FORGET);
    }

    @Test
    void aNewProviderReplacesWhatItManages() {
        Options none = options(false, List.of(), List.of());
        assertThat(PlanModel.change(instance("ami-1", "t3.medium", none), STATE, instance("ami-1", "t3.medium", none), "provider-2"))
                .isEqualTo(new Change(Kind.REPLACE, List.of("provider")));
    }

    @Test
    void aResourceRenamedWithAnAliasIsTheSameResourceAndWithoutOneANewOne() {
        java.util.function.Function<com.pulumi.resources.CustomResourceOptions, java.util.function.Consumer<com.pulumi.Context>> program =
                options -> ctx -> new com.talkhpb.bindings.random.RandomPassword(options == null ? "first" : "renamed",
                        com.talkhpb.bindings.random.RandomPasswordArgs.builder().length(32).build(), options);
        ProgramRun first = ProgramRun.of("prod", MapConfig.valid(), program.apply(null));
        com.pulumi.resources.CustomResourceOptions aliased = com.pulumi.resources.CustomResourceOptions.builder()
                .aliases(com.pulumi.core.Alias.builder().name("first").build()).build();

        Map<String, Change> withAlias = PlanModel.plan(first, ProgramRun.after(first, "prod", MapConfig.valid(), program.apply(aliased)));
        assertThat(withAlias).containsOnly(Map.entry("random:index/randomPassword:RandomPassword 'renamed'", new Change(Kind.SAME, List.of())));

        Map<String, Change> without = PlanModel.plan(first, ProgramRun.after(first, "prod", MapConfig.valid(),
                program.apply(com.pulumi.resources.CustomResourceOptions.builder().build())));
        assertThat(without).containsEntry("random:index/randomPassword:RandomPassword 'renamed'", new Change(Kind.CREATE, List.of()))
                .containsEntry("random:index/randomPassword:RandomPassword 'first'", new Change(Kind.DELETE, List.of()));
    }
}
