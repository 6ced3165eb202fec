package com.talkhpb;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.talkhpb.cli.TalkHpbCommand;
import com.talkhpb.program.HpbProgram;
import picocli.CommandLine;

/**
 * Entry point of the fat jar. Without arguments it is the Pulumi program (the Java language host runs
 * {@code java -jar target/talk-hpb.jar}); with arguments it runs a tool such as {@code render}.
 */
public final class App {
    private App() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            Pulumi.run(App::stack);
            return;
        }
        System.exit(new CommandLine(new TalkHpbCommand()).execute(args));
    }

    /** The program, as {@code Pulumi.run} calls it and a test harness can run it under mocks. */
    public static void stack(Context ctx) {
        HpbProgram.stack(ctx);
    }
}
