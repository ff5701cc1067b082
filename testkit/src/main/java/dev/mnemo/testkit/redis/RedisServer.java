package dev.mnemo.testkit.redis;

import dev.mnemo.testkit.Processes;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} process started by a test on a loopback port, with nothing persisted
 * ({@code --save '' --appendonly no}) and its files in a temporary directory. The handle lets
 * fault tests kill it ({@code kill -9}) and start it again on the same port, or freeze and thaw it.
 * A JVM shutdown hook kills the process should the test JVM exit without closing the handle.
 */
public final class RedisServer implements AutoCloseable {

    /** How long a server may take to answer PING after it was started, in milliseconds. */
    private static final long START_TIMEOUT_MILLIS = 15_000;
    /** Cluster nodes also listen on their port + 10000 for the cluster bus. */
    private static final int CLUSTER_BUS_OFFSET = 10_000;

    private final Path binary;
    private final Path directory;
    private final int port;
    private final List<String> extraArgs;
    private final Thread reaper = new Thread(this::killQuietly, "redis-server-reaper");
    private volatile Process process;

    private RedisServer(Path binary, Path directory, int port, List<String> extraArgs) {
        this.binary = binary;
        this.directory = directory;
        this.port = port;
        this.extraArgs = List.copyOf(extraArgs);
    }

    /**
     * Starts a server on a free loopback port and waits until it answers PING.
     *
     * @param extraArgs further {@code redis-server} arguments, such as {@code --cluster-enabled yes}
     * @return the running server
     * @throws IllegalStateException when {@code redis-server} is not installed or does not start
     */
    public static RedisServer start(String... extraArgs) {
        boolean cluster = List.of(extraArgs).contains("--cluster-enabled");
        try {
            RedisServer server = new RedisServer(binary(), Files.createTempDirectory("mnemo-redis-"), freePort(cluster),
                    List.of(extraArgs));
            Runtime.getRuntime().addShutdownHook(server.reaper);
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare a redis-server", e);
        }
    }

    /** @return {@code redis://127.0.0.1:<port>} */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** @return the port the server listens on, the same after {@link #restart()} */
    public int port() {
        return port;
    }

    /** @return the process id of the running server */
    public synchronized long pid() {
        return process.pid();
    }

    /** @return whether the process is alive */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills the server at once, as {@code kill -9 <pid>} would, and waits until it is gone. */
    public synchronized void kill() {
        if (isRunning()) {
            process.destroyForcibly();
            await(process);
        }
    }

    /** Freezes the server ({@code SIGSTOP}): it keeps its port and answers nothing until {@link #resume()}. */
    public synchronized void pause() {
        Processes.pause(pid());
    }

    /** Thaws a server {@link #pause()} froze ({@code SIGCONT}). */
    public synchronized void resume() {
        Processes.resume(pid());
    }

    /** Stops the server gracefully ({@code SIGTERM}, after thawing it), killing it if it takes more than 5 seconds. */
    public synchronized void stop() {
        if (isRunning()) {
            Processes.resume(process.pid());
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

    /** Starts the server again on the same port, stopping it first if it runs, and waits until it answers PING. */
    public synchronized void restart() {
        stop();
        launch();
    }

    /** Stops the server and deletes its directory. */
    @Override
    public synchronized void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting; the hook runs anyway and finds the process gone.
        }
        deleteDirectory();
    }

    private synchronized void launch() {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.toString()));
        command.addAll(extraArgs);
        Path log = directory.resolve("redis.log");
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        }
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + " on port " + port
                        + "; its log:\n" + tail(log));
            }
            try (Resp resp = Resp.connect(port)) {
                if ("PONG".equals(resp.call("PING"))) {
                    return;
                }
            } catch (IOException notYet) {
                waitBriefly();
            }
        }
        kill();
        throw new IllegalStateException("redis-server did not answer PING on port " + port + " within "
                + START_TIMEOUT_MILLIS + " ms; its log:\n" + tail(log));
    }

    /** @return the {@code redis-server} on the PATH */
    static Path binary() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("redis-server was not found on the PATH (" + path + "). Install it with: "
                + "sudo apt-get install -y redis-server (or set MNEMO_REDIS_URI to a running server)");
    }

    private static int freePort(boolean withClusterBus) throws IOException {
        if (!withClusterBus) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            if (isFree(port) && isFree(port + CLUSTER_BUS_OFFSET)) {
                return port;
            }
        }
        throw new IOException("No free pair of loopback ports (port and port + " + CLUSTER_BUS_OFFSET + ") found");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort() == port;
        } catch (IOException taken) {
            return false;
        }
    }

    private void killQuietly() {
        Process current = process;
        if (current != null) {
            current.destroyForcibly();
        }
    }

    private static void await(Process process) {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for redis-server", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void deleteDirectory() {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless; the test result is what matters.
        }
    }
}
