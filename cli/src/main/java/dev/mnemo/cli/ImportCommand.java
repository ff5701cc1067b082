package dev.mnemo.cli;

import dev.mnemo.Mnemo;
import dev.mnemo.TransferStats;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mnemo import}: an export back into the configured namespace; run again, it stores nothing twice. */
@Command(name = "import", description = "Read an export (JSON Lines) into the configured namespace; idempotent.")
final class ImportCommand implements Callable<Integer> {

    @Mixin
    Connection connection;
    @Spec
    CommandSpec spec;
    @Option(names = {"-i", "--in"}, paramLabel = "FILE", description = "The file to read; standard input when absent.")
    @Nullable Path file;

    @Override
    public Integer call() throws IOException {
        try (Mnemo mnemo = connection.open(); BufferedReader in = open(); Progress progress = new Progress("import", System.err)) {
            TransferStats stats = mnemo.transfer().importFrom(in, progress);
            spec.commandLine().getErr().printf("imported %d sessions, %d messages, %d states, %d summaries%n",
                    stats.sessions(), stats.messages(), stats.states(), stats.summaries());
            return ExitCodes.OK;
        }
    }

    private BufferedReader open() throws IOException {
        return file == null ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }
}
