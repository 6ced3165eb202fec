package com.talkhpb.cli;

import picocli.CommandLine.Command;

/** The jar's command line; with no arguments the jar runs as the Pulumi program instead. */
@Command(name = "talk-hpb", mixinStandardHelpOptions = true, subcommands = {RenderCommand.class, VerifyCommand.class},
        description = "Nextcloud Talk High Performance Backend: tools beside the Pulumi program.")
public final class TalkHpbCommand {
}
