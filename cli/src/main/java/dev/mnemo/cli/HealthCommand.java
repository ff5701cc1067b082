package dev.mnemo.cli;

import dev.mnemo.Mnemo;
import dev.mnemo.MnemoHealth;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mnemo health}: the status, each tier and what waits; the exit code is the status ({@link ExitCodes}). */
@Command(name = "health", description = "Show the status, each tier and what waits for the durable tier.")
final class HealthCommand implements Callable<Integer> {

    @Mixin
    Connection connection;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Mnemo mnemo = connection.open()) {
            MnemoHealth health = mnemo.blocking().health();
            PrintWriter out = spec.commandLine().getOut();
            out.println("status\t" + health.status());
            for (MnemoHealth.TierHealth tier : health.tiers()) {
                out.printf("tier\t%s\t%s\t%s\tbreaker %s\t%d ms\t%s%n", tier.name(), tier.role(), tier.up() ? "up" : "down",
                        tier.breaker(), tier.check().latency().toMillis(), tier.check().detail());
            }
            MnemoHealth.JournalHealth journal = health.journal();
            out.printf("journal\twaiting here %d\theld only here %d\tpoisoned %d\tsessions behind %d\toldest %s%n",
                    journal.waitingHere(), journal.heldOnlyHere(), journal.poisoned(), journal.sharedSessions(),
                    journal.oldestPending() == null ? "-" : journal.oldestPending().toSeconds() + " s");
            return ExitCodes.of(health.status());
        }
    }
}
