package dev.mnemo.cli;

import dev.mnemo.Mnemo;
import dev.mnemo.MnemoHealth;
import dev.mnemo.spi.DurableJournal;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mnemo journal}: what waits for the durable tier, per session: pending, poisoned, changes, oldest age. */
@Command(name = "journal", description = "Show what waits for the durable tier, per session.")
final class JournalCommand implements Callable<Integer> {

    @Mixin
    Connection connection;
    @Spec
    CommandSpec spec;
    @Option(names = "--limit", defaultValue = "50", description = "The most sessions shown (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        try (Mnemo mnemo = connection.open()) {
            PrintWriter out = spec.commandLine().getOut();
            MnemoHealth.JournalHealth totals = mnemo.blocking().health().journal();
            out.printf("journal\tin %s\tsessions %d\tpoisoned here %d%n", totals.sharedIn() == null ? "-" : totals.sharedIn(),
                    totals.sharedSessions(), totals.poisoned());
            out.println("session\tpending\tpoisoned\tchanges\toldest");
            Instant now = Instant.now();
            for (DurableJournal.SessionBacklog session : mnemo.blocking().journal(limit)) {
                out.printf("%s\t%d\t%d\t%d\t%s%n", session.ref().id().value(), session.pending(), session.poisoned(),
                        session.changes(), session.oldest() == null ? "-" : Duration.between(session.oldest(), now).toSeconds() + " s");
            }
            return ExitCodes.OK;
        }
    }
}
