package dev.mnemo.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A {@link Writer} in a child JVM of this test's class path: its acknowledgements as they come, its
 * log in a file, and {@link #kill()}, which is {@code SIGKILL}: no shutdown hook, no flush, nothing
 * the process could still do.
 */
final class WriterProcess implements AutoCloseable {

    /** One acknowledged append. */
    public record Ack(String session, UUID id, boolean degraded, long millis) {
    }

    private final Process process;
    private final Path log;
    private final List<Ack> acks = new CopyOnWriteArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private WriterProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.reader = new Thread(this::read, "writer-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param close  whether the writer closes Mnemo after {@code perSession} messages
     * @param config the writer's Mnemo configuration
     */
    public static WriterProcess start(int sessions, int perSession, int size, boolean close, Map<String, String> config) {
        return start(Writer.class, List.of(Integer.toString(sessions), Integer.toString(perSession), Integer.toString(size),
                close ? "close" : "run"), config);
    }

    /**
     * Runs {@code main} in a child JVM.
     *
     * @param main   the child's main class, printing {@code ACK} lines as {@link Writer} does
     * @param args   its arguments, before the configuration
     * @param config the child's Mnemo configuration, as {@code key=value} arguments after {@code args}
     */
    public static WriterProcess start(Class<?> main, List<String> args, Map<String, String> config) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        config.forEach((key, value) -> command.add(key + "=" + value));
        try {
            Path log = Files.createTempFile("mnemo-writer-", ".log");
            Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
            return new WriterProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
                if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ");
                    acks.add(new Ack(parts[1], UUID.fromString(parts[2]), Boolean.parseBoolean(parts[3]),
                            Long.parseLong(parts[4])));
                }
            }
        } catch (IOException e) {
            // the process was killed while a line was on its way: what was read is what was acknowledged
        }
    }

    /** @return the appends acknowledged so far */
    public List<Ack> acks() {
        return List.copyOf(acks);
    }

    /** @return the writer's output lines that are not acknowledgements */
    public List<String> notices() {
        return lines.stream().filter(line -> !line.startsWith("ACK ")).toList();
    }

    /** @return the process id */
    public long pid() {
        return process.pid();
    }

    /** Waits until {@code condition} holds; fails with the writer's log if it does not within {@code limit}. */
    public void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline || (!process.isAlive() && !condition.getAsBoolean())) {
                throw new AssertionError("Writer: not " + what + " (alive: " + process.isAlive() + ", output: " + lines + ")\n"
                        + log());
            }
            Thread.sleep(20);
        }
    }

    /** Kills the writer with SIGKILL and waits until it is gone; the acknowledgements read by then are final. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        reader.join(5_000);
    }

    /** @return whether the process ended by itself within {@code limit}, and its output was read to the end */
    public boolean exits(Duration limit) throws InterruptedException {
        boolean exited = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        reader.join(5_000);
        return exited;
    }

    /** @return what the writer logged */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temporary file
        }
    }
}
