package com.talkhpb.testing;

import com.talkhpb.cli.TalkHpbCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import picocli.CommandLine;

/** The jar's command line run in-process, with what it printed. */
public record CliRun(int status, String out, String err) {
    public static CliRun of(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true));
            System.setErr(new PrintStream(err, true));
            int status = new CommandLine(new TalkHpbCommand()).execute(args);
            return new CliRun(status, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
