package dev.mnemo.cli;

import dev.mnemo.Mnemo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mnemo purge-user USER --yes}: every session and the state of a user, from every tier, for good. */
@Command(name = "purge-user", description = "Purge a user's sessions and state from every tier, for good.")
final class PurgeUserCommand implements Callable<Integer> {

    @Mixin
    Connection connection;
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "USER", description = "The user id.")
    String user;
    @Option(names = "--yes", required = true, description = "Confirms the purge: nothing of it can be undone.")
    boolean yes;

    @Override
    public Integer call() {
        try (Mnemo mnemo = connection.open()) {
            int purged = mnemo.blocking().deleteUser(user);
            spec.commandLine().getOut().printf("purged\t%s\t%d sessions%n", user, purged);
            return ExitCodes.OK;
        }
    }
}
