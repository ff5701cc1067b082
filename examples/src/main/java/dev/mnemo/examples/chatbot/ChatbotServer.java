package dev.mnemo.examples.chatbot;

import dev.mnemo.Mnemo;
import dev.mnemo.analytics.SessionAnalytics;
import dev.mnemo.examples.llm.ChatModel;
import dev.mnemo.examples.llm.OpenAiChatModel;
import dev.mnemo.MnemoHealth;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.summary.ExtractiveSummarizer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chatbot HTTP backend on Mnemo, served by embedded Jetty 12 (its core server, no servlets).
 * Every request carries {@code Authorization: Bearer <token>}; the token stands for a user
 * ({@link BearerTokens}), and that user owns the sessions it opens:
 * <ul>
 *   <li>{@code POST /sessions}: a new session under an id nobody can guess: 201 {@code {"sessionId"}};</li>
 *   <li>{@code POST /sessions/{id}/messages} with {@code {"content": "..."}} and optionally an
 *       {@code Idempotency-Key} header: appends the message (once, however often it is retried;
 *       see {@link IdempotentTurns}), asks the model with the context, appends the answer;</li>
 *   <li>{@code GET /sessions/{id}/context}: what the model would be sent next;</li>
 *   <li>{@code POST /sessions/{id}/end}: ends the session (its analytics batch is written);</li>
 *   <li>{@code DELETE /sessions/{id}}: purges it from every tier.</li>
 * </ul>
 * A session of another user is answered 404, exactly as one that does not exist. The limits, each
 * a {@link ChatbotSettings} key: loopback only unless {@code mnemo.chatbot.host} says otherwise,
 * bounded connections, idle and body-read timeouts, header and body sizes, worker threads and their
 * queue, a request rate per user. A slow client holds a connection, never a thread: Jetty reads
 * without blocking, and a request takes a worker only once its body is in.
 *
 * <p>Run it with
 * <pre>{@code
 * mvn -q install -DskipTests -pl examples -am && \
 *   mvn -q -pl examples exec:java -Dexec.mainClass=dev.mnemo.examples.chatbot.ChatbotServer
 * }</pre>
 */
public final class ChatbotServer implements AutoCloseable {

    /** The user of the token {@link #main} generates when none is configured. */
    public static final String DEMO_USER = "demo";
    /**
     * Jetty's own threads: they accept, parse, read and write, and never block, so a few serve
     * every connection; the endpoints run on {@link ChatbotSettings#threads()} workers.
     */
    public static final int JETTY_THREADS = 8;

    /** How soon, once a stop begins, an idle keep-alive connection is closed, in milliseconds. */
    private static final long SHUTDOWN_IDLE_MILLIS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(ChatbotServer.class);

    private final Server jetty;
    private final ServerConnector connector;
    private final ThreadPoolExecutor workers;
    private final Duration stopTimeout;

    private ChatbotServer(Server jetty, ServerConnector connector, ThreadPoolExecutor workers, Duration stopTimeout) {
        this.jetty = jetty;
        this.connector = connector;
        this.workers = workers;
        this.stopTimeout = stopTimeout;
    }

    /**
     * Starts serving. The server does not own {@code mnemo}: close the server first, then Mnemo.
     *
     * @param mnemo    the memory
     * @param model    the model
     * @param tokens   who may call, and as which user; at least one
     * @param settings where to listen and the limits
     * @return the running server
     * @throws IOException              when the address cannot be bound
     * @throws IllegalArgumentException when {@code tokens} is empty, so that nobody could call
     */
    public static ChatbotServer start(Mnemo mnemo, ChatModel model, BearerTokens tokens, ChatbotSettings settings)
            throws IOException {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("No bearer tokens: set " + BearerTokens.TOKENS + " or "
                    + BearerTokens.TOKENS_FILE);
        }
        ThreadPoolExecutor workers = workers(settings);
        QueuedThreadPool jettyThreads = new QueuedThreadPool(JETTY_THREADS, 2);
        jettyThreads.setName("chatbot-jetty");
        Server jetty = new Server(jettyThreads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(settings.maxHeaderBytes());
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setIdleTimeout(settings.idleTimeout().toMillis());
        // On stop, idle keep-alive connections close this soon; a request in flight still finishes.
        connector.setShutdownIdleTimeout(Math.min(SHUTDOWN_IDLE_MILLIS, settings.idleTimeout().toMillis()));
        jetty.addConnector(connector);
        jetty.addBean(new NetworkConnectionLimit(settings.maxConnections(), connector));
        Endpoints endpoints = new Endpoints(new Conversation(mnemo.blocking(), model), mnemo.settings().maxContentBytes());
        jetty.setHandler(new GracefulHandler(new ChatbotHandler(tokens,
                new RateLimiter(settings.ratePerMinute(), settings.rateBurst(), System::nanoTime),
                new BodyReader(settings.maxBodyBytes(), settings.readTimeout()), workers, endpoints)));
        jetty.setErrorHandler(new JsonErrorHandler());
        jetty.setStopTimeout(settings.stopTimeout().toMillis());
        ChatbotServer server = new ChatbotServer(jetty, connector, workers, settings.stopTimeout());
        try {
            jetty.start();
        } catch (Exception e) {
            server.close();
            throw new IOException("Cannot serve on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
        return server;
    }

    private static ThreadPoolExecutor workers(ChatbotSettings settings) {
        BlockingQueue<Runnable> queue = settings.queue() == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(settings.queue());
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.MILLISECONDS, queue,
                task -> new Thread(task, "chatbot-worker-" + count.incrementAndGet()));
    }

    /** @return the port the server listens on */
    public int port() {
        return connector.getLocalPort();
    }

    /** @return the address the server listens on */
    public InetSocketAddress address() {
        return new InetSocketAddress(connector.getHost(), port());
    }

    /**
     * Stops taking connections, lets requests in flight finish for up to
     * {@link ChatbotSettings#stopTimeout()}, and stops every thread.
     */
    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("Stopping the HTTP server failed: {}", e.toString());
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Serves until the process is stopped (Ctrl-C, SIGTERM), then stops the server and closes
     * Mnemo, which flushes what the tiers have not yet taken. Settings and tokens come from system
     * properties and the environment ({@link ChatbotSettings}, {@link BearerTokens}); with no token
     * configured, it makes one for user {@value #DEMO_USER}, valid until it stops, and writes it to a
     * file only this account can read, whose path it prints: a token is never printed or logged.
     *
     * @param args none
     * @throws Exception when the settings are bad, or the server cannot start
     */
    public static void main(String[] args) throws Exception {
        StoreConfig config = StoreConfig.environment();
        ChatbotSettings settings = ChatbotSettings.from(config);
        BearerTokens tokens = BearerTokens.from(config);
        @Nullable Path demoToken = null;
        if (tokens.isEmpty()) {
            String token = BearerTokens.generate();
            tokens = BearerTokens.of(Map.of(DEMO_USER, token));
            demoToken = writeOwnerOnly(token);
        }
        Optional<OpenAiChatModel> configured = OpenAiChatModel.fromEnvironment(System.getenv());
        ChatModel model = configured.isPresent() ? configured.get() : new ScriptedChatModel();
        CountDownLatch stopping = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.countDown();
            try {
                closed.await(30, TimeUnit.SECONDS); // the JVM halts when the hooks return: wait for the close
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "chatbot-shutdown"));
        try (Mnemo mnemo = Mnemo.builder().summarizer(new ExtractiveSummarizer()).listener(SessionAnalytics.create()).build();
             ChatbotServer server = start(mnemo, model, tokens, settings)) {
            printUsage(System.out, server, model, mnemo, tokens, demoToken);
            stopping.await();
        } finally {
            closed.countDown();
        }
    }

    /** Writes {@code token} to a new temporary file that only this account can read, deleted when the JVM exits. */
    private static Path writeOwnerOnly(String token) throws IOException {
        Path file;
        try {
            file = Files.createTempFile("mnemo-chatbot-", ".token",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) { // not POSIX: the temporary directory is the user's own
            file = Files.createTempFile("mnemo-chatbot-", ".token");
        }
        file.toFile().deleteOnExit();
        return Files.writeString(file, token);
    }

    private static void printUsage(PrintStream out, ChatbotServer server, ChatModel model, Mnemo mnemo,
                                   BearerTokens tokens, @Nullable Path demoToken) {
        String base = "http://" + server.connector.getHost() + ":" + server.port();
        out.printf("Chatbot backend on %s; model: %s; tiers: %s%n", base,
                model instanceof OpenAiChatModel openAi ? openAi.model() + " at " + openAi.endpoint() : ScriptedChatModel.NAME,
                mnemo.blocking().health().tiers().stream().map(MnemoHealth.TierHealth::name).toList());
        if (demoToken == null) {
            out.printf("Bearer tokens configured for users %s%n", tokens.users());
            out.println("Try (TOKEN is one of those tokens):");
        } else {
            out.printf("No token configured (%s, %s): user '%s' has a token for this run in %s%n",
                    BearerTokens.TOKENS, BearerTokens.TOKENS_FILE, DEMO_USER, demoToken);
            out.println("Try:");
            out.printf("  TOKEN=$(cat %s)%n", demoToken);
        }
        out.printf("  curl -s -X POST %s/sessions -H \"Authorization: Bearer $TOKEN\"%n", base);
        out.printf("  curl -s -X POST %s/sessions/$SESSION/messages -H \"Authorization: Bearer $TOKEN\" \\%n"
                + "       -H 'Content-Type: application/json' -H \"Idempotency-Key: $(uuidgen)\" -d '{\"content\": \"Hi, my name is Ada\"}'%n",
                base);
        out.println("  (SESSION is the sessionId the first call answered.) Stop with Ctrl-C.");
    }
}
