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

    /** Set by Pulumi's language host for the program it runs: the engine's resource monitor. */
    static final String PULUMI_MONITOR = "PULUMI_MONITOR";

    public static void main(String[] args) {
        if (args.length == 0) {
            if (System.getenv(PULUMI_MONITOR) == null) {
                System.err.println(outsidePulumi());
                System.exit(2);
            }
            Pulumi.run(App::stack);
            return;
        }
        System.exit(new CommandLine(new TalkHpbCommand()).execute(args));
    }

    /** What the jar says when run by hand without a tool: it is the Pulumi program, started by pulumi. */
    static String outsidePulumi() {
        return "talk-hpb: this jar is the Pulumi program of talk-hpb; pulumi runs it: pulumi up --stack <name> (see README).\n"
                + "Its tools run by hand: java -jar target/talk-hpb.jar render --help | verify --help";
    }

    /** The program, as {@code Pulumi.run} calls it and a test harness can run it under mocks. */
    public static void stack(Context ctx) {
        HpbProgram.stack(ctx);
    }
}
