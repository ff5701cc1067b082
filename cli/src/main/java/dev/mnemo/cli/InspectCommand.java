package dev.mnemo.cli;

import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.spi.support.Limits;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mnemo inspect SESSION}: the session, its state, its summary and its latest messages. */
@Command(name = "inspect", description = "Show a session: its fields, state, summary and latest messages.")
final class InspectCommand implements Callable<Integer> {

    @Mixin
    Connection connection;
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "SESSION", description = "The session id.")
    String session;
    @Option(names = "--messages", defaultValue = "10", description = "How many latest messages (default ${DEFAULT-VALUE}).")
    int messages;

    @Override
    public Integer call() {
        SessionId id = SessionId.of(session);
        try (Mnemo mnemo = connection.open()) {
            BlockingMnemo memory = mnemo.blocking();
            Session found = memory.getSession(id).value().orElseThrow(() -> new SessionNotFoundException(session));
            PrintWriter out = spec.commandLine().getOut();
            out.printf("session\t%s%nuser\t%s%nstatus\t%s%nend\t%s%ncreated\t%s%nupdated\t%s%nmessages\t%d%ntokens\t%d%n"
                            + "metadata\t%s%n", found.id().value(), found.userId(), found.status(),
                    found.end() == null ? "-" : found.end().reason() + " by " + found.end().endedBy(), found.createdAt(),
                    found.updatedAt(), found.messageCount(), found.tokenCount(), found.metadata());
            memory.state(id).value().values().forEach((key, value) -> out.printf("state\t%s\t%s%n", key, value));
            memory.summary(id).value().ifPresent(summary -> out.printf("summary\tv%d up to %s\t%s%n", summary.version(),
                    summary.coversUpTo(), Limits.quote(summary.text())));
            for (Message message : memory.history(id, messages).value()) {
                out.printf("message\t%s\t%s\t%s%n", message.id(), message.role(), Limits.quote(message.content()));
            }
            return ExitCodes.OK;
        }
    }
}
