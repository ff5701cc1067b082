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
import java.time.Duration;
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
 *
 * <p>Besides a plain server: {@link #startTls} adds a TLS port that requires client certificates
 * (the plain port stays, on loopback, for the test's own set-up and checks), and
 * {@link #startSentinel} runs {@code redis-server --sentinel} watching a master, with a
 * generated config file Sentinel may rewrite.
 */
public final class RedisServer implements AutoCloseable {

    /** How long a server may take to answer PING after it was started, in milliseconds. */
    private static final long START_TIMEOUT_MILLIS = 15_000;
    /** Cluster nodes also listen on their port + 10000 for the cluster bus. */
    private static final int CLUSTER_BUS_OFFSET = 10_000;

    private final Path binary;
    private final Path directory;
    private final int port;
    private final int tlsPort;
    private final List<String> leadingArgs;
    private final List<String> extraArgs;
    private final Thread reaper = new Thread(this::killQuietly, "redis-server-reaper");
    private volatile Process process;

    private RedisServer(Path binary, Path directory, int port, int tlsPort, List<String> leadingArgs, List<String> extraArgs) {
        this.binary = binary;
        this.directory = directory;
        this.port = port;
        this.tlsPort = tlsPort;
        this.leadingArgs = List.copyOf(leadingArgs);
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
            return launched(new RedisServer(binary(), Files.createTempDirectory("mnemo-redis-"), freePort(cluster), 0,
                    List.of(), List.of(extraArgs)));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare a redis-server", e);
        }
    }

    /**
     * Starts a server that also listens for TLS on a port of its own, with {@code certificates}'
     * server certificate, trusting their CA, and requiring a client certificate
     * ({@code --tls-auth-clients yes}).
     *
     * @param extraArgs further {@code redis-server} arguments
     * @return the running server; {@link #tlsUri()} is its TLS address
     */
    public static RedisServer startTls(TestCertificates certificates, String... extraArgs) {
        try {
            int tlsPort = freePort(false);
            List<String> args = new ArrayList<>(List.of("--tls-port", Integer.toString(tlsPort),
                    "--tls-cert-file", certificates.serverCert().toString(), "--tls-key-file", certificates.serverKey().toString(),
                    "--tls-ca-cert-file", certificates.caCert().toString(), "--tls-auth-clients", "yes"));
            args.addAll(List.of(extraArgs));
            return launched(new RedisServer(binary(), Files.createTempDirectory("mnemo-redis-tls-"), freePort(false), tlsPort,
                    List.of(), args));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare a redis-server with TLS", e);
        }
    }

    /**
     * Starts a Sentinel ({@code redis-server <config> --sentinel}) that watches {@code master} under
     * the name {@code masterName}, with a quorum of 1, so it alone fails the master over.
     *
     * @param downAfter       how long the master may not answer before Sentinel holds it down
     * @param failoverTimeout Sentinel's failover timeout (also the least time between two failovers)
     * @return the running Sentinel; {@link #sentinelUri(String)} is what a client connects to
     */
    public static RedisServer startSentinel(String masterName, RedisServer master, Duration downAfter,
                                            Duration failoverTimeout) {
        try {
            Path directory = Files.createTempDirectory("mnemo-sentinel-");
            Path config = directory.resolve("sentinel.conf");
            Files.writeString(config, String.join("\n",
                    "sentinel monitor " + masterName + " 127.0.0.1 " + master.port() + " 1",
                    "sentinel down-after-milliseconds " + masterName + " " + downAfter.toMillis(),
                    "sentinel failover-timeout " + masterName + " " + failoverTimeout.toMillis(),
                    "sentinel parallel-syncs " + masterName + " 1", ""), StandardCharsets.UTF_8);
            return launched(new RedisServer(binary(), directory, freePort(false), 0,
                    List.of(config.toString(), "--sentinel"), List.of()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare a redis-server --sentinel", e);
        }
    }

    private static RedisServer launched(RedisServer server) {
        Runtime.getRuntime().addShutdownHook(server.reaper);
        server.launch();
        return server;
    }

    /** @return {@code redis://127.0.0.1:<port>} */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * @return {@code rediss://127.0.0.1:<tls port>}, the TLS address of a server from {@link #startTls}
     * @throws IllegalStateException for a server without TLS
     */
    public String tlsUri() {
        if (tlsPort == 0) {
            throw new IllegalStateException("redis-server on port " + port + " was not started with TLS (startTls)");
        }
        return "rediss://127.0.0.1:" + tlsPort;
    }

    /** @return {@code redis-sentinel://127.0.0.1:<port>#<masterName>}: the master this Sentinel names, found through it */
    public String sentinelUri(String masterName) {
        return "redis-sentinel://127.0.0.1:" + port + "#" + masterName;
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
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(leadingArgs);
        command.addAll(List.of("--port", Integer.toString(port),
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
