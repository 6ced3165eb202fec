package com.talkhpb;

import com.talkhpb.cli.TalkHpbCommand;
import picocli.CommandLine;

/** Entry point of the fat jar: {@code render} and other tools on the command line. */
public final class App {
    private App() {
    }

    public static void main(String[] args) {
        int status = new CommandLine(new TalkHpbCommand()).execute(args);
        System.exit(status);
    }
}
