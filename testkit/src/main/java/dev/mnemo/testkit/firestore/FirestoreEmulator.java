package dev.mnemo.testkit.firestore;

import dev.mnemo.testkit.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A Firestore emulator process on a loopback port, started from the jar of the Debian package
 * {@code google-cloud-cli-firestore-emulator}: the handle tests use to reach it, clear it, and
 * stop, kill or restart it on the same port (fault tests). The process and anything it started
 * are ended (or frozen, and thawed) by pid, never by name. Its output goes to a log file whose tail
 * is quoted when it fails.
 */
public final class FirestoreEmulator implements AutoCloseable {

    /** How long a start may take before it is reported as failed: 60 s (it usually takes about 2 s). */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final String MAIN_CLASS = "com.google.cloud.datastore.emulator.firestore.CloudFirestore";
    private static final String BIND_FAILURE = "Address already in use";
    private static final int PORT_ATTEMPTS = 5;
    /** Emulators to kill if the JVM exits without stopping them, so none outlives the test run. */
    private static final Set<FirestoreEmulator> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(FirestoreEmulator::kill),
                "firestore-emulator-reaper"));
    }

    private final Path jar;
    private final int port;
    private final Path log;
    private Process process;

    private FirestoreEmulator(Path jar, int port, Path log) {
        this.jar = jar;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts an emulator on a free loopback port and waits until it answers.
     *
     * @return the running emulator
     * @throws IllegalStateException when the emulator is not installed (the message says how to
     *                               install it) or does not start within {@link #START_TIMEOUT}
     */
    public static FirestoreEmulator start() {
        Path jar = EmulatorJar.locate();
        IllegalStateException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            FirestoreEmulator emulator = new FirestoreEmulator(jar, freePort(), newLog());
            try {
                emulator.launch(false);
                return emulator;
            } catch (PortTakenException e) {
                last = e; // another process took the port between probing and binding: try another
            }
        }
        throw last;
    }

    /** @return {@code 127.0.0.1:port}, the value for {@code FIRESTORE_EMULATOR_HOST} */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** @return the loopback port it listens on; {@link #restart()} keeps it */
    public int port() {
        return port;
    }

    /** @return the process id of the running emulator */
    public synchronized long pid() {
        requireRunning();
        return process.pid();
    }

    /** @return whether its process is alive */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Deletes every document of one project, as between tests.
     *
     * @param projectId the project whose documents go
     */
    public void clear(String projectId) {
        EmulatorHttp.clear(host(), projectId);
    }

    /** Freezes the emulator ({@code SIGSTOP}): calls hang until they time out, as in a network partition; no data is lost. */
    public synchronized void pause() {
        Processes.pause(pid());
    }

    /** Thaws an emulator {@link #pause()} froze ({@code SIGCONT}). */
    public synchronized void resume() {
        Processes.resume(pid());
    }

    /** Ends the emulator and what it started with SIGTERM, then SIGKILL if it lingers; waits for the exit. */
    public synchronized void stop() {
        end(false);
    }

    /** Kills the emulator and what it started at once with SIGKILL, as a crash would; waits for the exit. */
    public synchronized void kill() {
        end(true);
    }

    /**
     * Starts the emulator again on the same port, with no data, after stopping it if it runs. A port
     * the old process left busy is retried until {@link #START_TIMEOUT}.
     */
    public synchronized void restart() {
        end(false);
        launch(true);
    }

    /** Stops the emulator, as {@link #stop()}, and deletes its log. */
    @Override
    public synchronized void close() {
        stop();
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a log left in the temporary directory harms nothing
        }
    }

    private synchronized void launch(boolean waitForPort) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                process = new ProcessBuilder(List.of(javaExecutable(), "-Xmx512m", "-Duser.language=en",
                        "-cp", jar.toString(), MAIN_CLASS, "--host=127.0.0.1", "--port=" + port))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
                LIVE.add(this);
                awaitReady(deadline);
                return;
            } catch (PortTakenException e) {
                if (!waitForPort || System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(Duration.ofMillis(250));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot start the Firestore emulator from " + jar + ": " + e.getMessage(), e);
            }
        }
    }

    private void awaitReady(long deadline) {
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                int exit = process.exitValue();
                String output = logTail();
                end(true);
                if (output.contains(BIND_FAILURE)) {
                    throw new PortTakenException(port, output);
                }
                throw new IllegalStateException("The Firestore emulator exited with " + exit
                        + " before answering; its output (" + log + "):\n" + output);
            }
            if (EmulatorHttp.answersOk(host())) {
                return;
            }
            sleep(POLL);
        }
        end(true);
        throw new IllegalStateException("The Firestore emulator did not answer on " + host() + " within "
                + START_TIMEOUT.toSeconds() + " s; its output (" + log + "):\n" + logTail());
    }

    private void end(boolean forcibly) {
        if (process == null) {
            return;
        }
        if (process.isAlive()) {
            Processes.resume(process.pid()); // a frozen process would not take its SIGTERM
        }
        ProcessHandle root = process.toHandle();
        List<ProcessHandle> tree = root.descendants().toList();
        tree.forEach(child -> signal(child, forcibly));
        signal(root, forcibly);
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                root.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        process = null;
        LIVE.remove(this);
    }

    private static void signal(ProcessHandle handle, boolean forcibly) {
        if (forcibly) {
            handle.destroyForcibly();
        } else {
            handle.destroy();
        }
    }

    private void requireRunning() {
        if (process == null) {
            throw new IllegalStateException("The Firestore emulator on " + host() + " is stopped");
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port for the Firestore emulator", e);
        }
    }

    private static Path newLog() {
        try {
            return Files.createTempFile("firestore-emulator-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Firestore emulator's log file", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Firestore emulator", e);
        }
    }

    /** The port was taken by another process before the emulator bound it. */
    private static final class PortTakenException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortTakenException(int port, String output) {
            super("Port " + port + " is taken; the Firestore emulator said:\n" + output);
        }
    }
}
