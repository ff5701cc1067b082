package dev.mnemo.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mnemo} command: operators' tasks on a deployment's tiers, configured with the same
 * {@code mnemo.*} keys as the application ({@code --config}, {@code --set}, or the environment).
 * Exit codes are {@link ExitCodes}'; errors go to standard error, one line, data to standard output.
 *
 * <pre>
 * java -jar mnemo-cli.jar health --set mnemo.redis.uri=redis://localhost:6379
 * java -jar mnemo-cli.jar export --user ada -o ada.jsonl --config prod.properties
 * </pre>
 */
@Command(name = "mnemo", mixinStandardHelpOptions = true, version = "mnemo 0.1.0",
        description = "Operate Mnemo's tiers: sessions, exports and imports, purges, the journal, health.",
        subcommands = {HealthCommand.class, SessionsCommand.class, InspectCommand.class, ExportCommand.class,
                ImportCommand.class, PurgeUserCommand.class, JournalCommand.class, CommandLine.HelpCommand.class})
public final class MnemoCli {

    private MnemoCli() {
    }

    /**
     * Runs one command and exits with its code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** @return the exit code of running {@code args} */
    static int run(String... args) {
        CommandLine line = new CommandLine(new MnemoCli());
        line.setExitCodeExceptionMapper(new ExitCodes());
        line.setExecutionExceptionHandler((error, command, parsed) -> {
            command.getErr().println("mnemo: " + (ExitCodes.isTier(error) ? "a tier failed: " : "") + error.getMessage());
            return command.getExitCodeExceptionMapper().getExitCode(error);
        });
        return line.execute(args);
    }
}
