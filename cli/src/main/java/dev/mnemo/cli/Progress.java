package dev.mnemo.cli;

import dev.mnemo.TransferStats;
import java.io.PrintStream;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar of messages moved, on standard error so that standard output stays the data (an
 * export piped elsewhere); its total is unknown, so it counts and shows the rate.
 */
final class Progress implements AutoCloseable, Consumer<TransferStats> {

    private final ProgressBar bar;

    Progress(String task, PrintStream err) {
        this.bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(-1).setUnit(" messages", 1)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(err))
                .showSpeed().build();
    }

    @Override
    public void accept(TransferStats stats) {
        bar.stepTo(stats.messages());
        bar.setExtraMessage(" " + stats.sessions() + " sessions");
    }

    @Override
    public void close() {
        bar.close();
    }
}
