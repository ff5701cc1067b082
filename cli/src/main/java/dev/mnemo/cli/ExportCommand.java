package dev.mnemo.cli;

import dev.mnemo.DataTransfer;
import dev.mnemo.Mnemo;
import dev.mnemo.SessionId;
import dev.mnemo.TransferStats;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mnemo export}: a user's or a session's whole data as JSON Lines ({@link DataTransfer}). */
@Command(name = "export", description = "Write a user's or a session's whole data as JSON Lines.")
final class ExportCommand implements Callable<Integer> {

    @Mixin
    Connection connection;
    @Spec
    CommandSpec spec;
    @ArgGroup(multiplicity = "1")
    Subject subject;
    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "The file to write; standard output when absent.")
    @Nullable Path file;

    /** Whose data: a user's or one session's. */
    static final class Subject {
        @Option(names = "--user", paramLabel = "USER", description = "Every session of this user, and the user's state.")
        @Nullable String user;
        @Option(names = "--session", paramLabel = "SESSION", description = "This session.")
        @Nullable String session;
    }

    @Override
    public Integer call() throws IOException {
        try (Mnemo mnemo = connection.open(); Writer out = open(); Progress progress = new Progress("export", System.err)) {
            DataTransfer transfer = mnemo.transfer();
            TransferStats stats = subject.user != null ? transfer.exportUser(subject.user, out, progress)
                    : transfer.exportSession(SessionId.of(subject.session), out, progress);
            out.flush();
            spec.commandLine().getErr().printf("exported %d sessions, %d messages, %d states, %d summaries%n",
                    stats.sessions(), stats.messages(), stats.states(), stats.summaries());
            return ExitCodes.OK;
        }
    }

    private Writer open() throws IOException {
        if (file == null) {
            return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)) {
                @Override
                public void close() throws IOException {
                    flush(); // standard output stays open for the rest of the process
                }
            };
        }
        try {
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
