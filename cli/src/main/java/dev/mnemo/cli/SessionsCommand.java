package dev.mnemo.cli;

import dev.mnemo.Mnemo;
import dev.mnemo.Session;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mnemo sessions USER}: a user's sessions, most recently active first, one per line. */
@Command(name = "sessions", description = "List a user's sessions, most recently active first.")
final class SessionsCommand implements Callable<Integer> {

    @Mixin
    Connection connection;
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "USER", description = "The user id.")
    String user;
    @Option(names = "--limit", defaultValue = "50", description = "The most sessions shown (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        try (Mnemo mnemo = connection.open()) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("session\tstatus\tmessages\ttokens\tupdated\tend");
            for (Session session : mnemo.blocking().listSessions(user, limit).value()) {
                out.printf("%s\t%s\t%d\t%d\t%s\t%s%n", session.id().value(), session.status(), session.messageCount(),
                        session.tokenCount(), session.updatedAt(), session.end() == null ? "-" : session.end().reason());
            }
            return ExitCodes.OK;
        }
    }
}
