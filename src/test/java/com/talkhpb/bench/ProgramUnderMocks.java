package com.talkhpb.bench;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.talkhpb.bindings.random.RandomPassword;
import com.talkhpb.bindings.random.RandomPasswordArgs;
import com.talkhpb.settings.StackFiles;
import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.ProgramRun;
import java.nio.file.Path;

/**
 * One whole process for the startup benchmark (bench/startup.sh), under the SDK's mock engine:
 * {@code talk-hpb} runs the program on the prod stack; {@code minimal} a program with one output;
 * {@code same-size N} a program that registers N trivial resources, the SDK's own cost for a program
 * of talk-hpb's size; {@code count} prints how many resources talk-hpb registers. The stack is
 * {@code -Dtalkhpb.stack} (a fixture stack; default prod).
 */
public final class ProgramUnderMocks {
    private ProgramUnderMocks() {
    }

    public static void main(String[] args) {
        // Every variant reads the stack file, so the harness costs the same on all sides.
        String stack = System.getProperty("talkhpb.stack", "prod");
        StackFiles files = com.talkhpb.testing.FixtureStacks.read(stack);
        MapConfig config = MapConfig.empty();
        for (String key : files.keys()) {
            config = config.with(key, files.get(key).orElseThrow());
        }
        String mode = args.length > 0 ? args[0] : "";
        ProgramRun run = switch (mode) {
            case "talk-hpb", "count" -> ProgramRun.of(stack, config);
            case "minimal" -> ProgramRun.of(stack, config, ctx -> ctx.export("greeting", Output.of("hello")));
            case "same-size" -> {
                int resources = Integer.parseInt(args[1]);
                yield ProgramRun.of(stack, config, ctx -> trivialResources(ctx, resources));
            }
            default -> {
                System.err.println("usage: ProgramUnderMocks talk-hpb|minimal|same-size N|count");
                System.exit(2);
                yield null;
            }
        };
        if (!run.result().exceptions().isEmpty()) {
            System.err.println(run.errors());
            System.exit(1);
        }
        if (mode.equals("count")) {
            System.out.println(run.registrations().size());
        }
        System.exit(0);
    }

    static void trivialResources(Context ctx, int count) {
        for (int i = 0; i < count; i++) {
            RandomPassword password = new RandomPassword("password-" + i, RandomPasswordArgs.builder().length(32).build());
            ctx.export("password-" + i, password.result());
        }
    }
}
