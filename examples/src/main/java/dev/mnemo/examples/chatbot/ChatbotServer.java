package dev.mnemo.examples.chatbot;

import com.sun.net.httpserver.HttpServer;
import dev.mnemo.Mnemo;
import dev.mnemo.analytics.SessionAnalytics;
import dev.mnemo.examples.llm.ChatModel;
import dev.mnemo.examples.llm.OpenAiChatModel;
import dev.mnemo.spi.Health;
import dev.mnemo.summary.ExtractiveSummarizer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A chatbot HTTP backend on Mnemo, with the JDK's HTTP server and no framework:
 * <ul>
 *   <li>{@code POST /sessions/{id}/messages} with {@code {"content": "...", "userId": "..."}}
 *       (the user id optional): opens the session if needed, appends the message, asks the model
 *       with the context, appends the answer; returns {@code {"answer", "tier", "degraded"}};</li>
 *   <li>{@code GET /sessions/{id}/context}: what the model would be sent next, as OpenAI
 *       {@code messages}, with the token totals;</li>
 *   <li>{@code POST /sessions/{id}/end}: ends the session (its analytics batch is written);</li>
 *   <li>{@code DELETE /sessions/{id}}: purges it from every tier.</li>
 * </ul>
 * Errors are {@code {"error": "...", "status": N}}: 400, 404, 405, 409, 413, 502, 503 (see
 * {@link HttpErrors}). The model is scripted and offline unless {@code OPENAI_BASE_URL} or
 * {@code OPENAI_API_KEY} is set (see {@link OpenAiChatModel#fromEnvironment}); the tiers are
 * whatever Mnemo finds: the embedded memory tier when nothing is configured, Redis and Firestore
 * when {@code MNEMO_REDIS_URI} and a Firestore project or emulator are set.
 * <p>Run it with
 * <pre>{@code
 * mvn -q install -DskipTests -pl examples -am && \
 *   mvn -q -pl examples exec:java -Dexec.mainClass=dev.mnemo.examples.chatbot.ChatbotServer
 * }</pre>
 */
public final class ChatbotServer implements AutoCloseable {

    /** The port {@link #main} listens on when neither an argument nor {@code PORT} says otherwise. */
    public static final int DEFAULT_PORT = 8080;
    /** Requests served at once; each blocks its thread on Mnemo and on the model. */
    public static final int THREADS = 16;
    /** How long {@link #close()} lets requests in flight finish, in seconds. */
    public static final int STOP_GRACE_SECONDS = 2;

    private final HttpServer http;
    private final ExecutorService executor;

    private ChatbotServer(HttpServer http, ExecutorService executor) {
        this.http = http;
        this.executor = executor;
    }

    /**
     * Starts serving. The server does not own {@code mnemo}: close the server first, then Mnemo.
     *
     * @param mnemo   the memory
     * @param model   the model
     * @param address where to listen; port 0 picks a free one (see {@link #port()})
     * @return the running server
     * @throws IOException when the address cannot be bound
     */
    public static ChatbotServer start(Mnemo mnemo, ChatModel model, InetSocketAddress address) throws IOException {
        HttpServer http = HttpServer.create(address, 0);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS,
                task -> new Thread(task, "chatbot-http-" + threads.incrementAndGet()));
        http.setExecutor(executor);
        http.createContext("/", new SessionsHandler(new Conversation(mnemo.blocking(), model),
                mnemo.settings().maxContentBytes()));
        http.start();
        return new ChatbotServer(http, executor);
    }

    /** @return the port the server listens on */
    public int port() {
        return http.getAddress().getPort();
    }

    /** Stops taking requests, lets those in flight finish for up to {@value #STOP_GRACE_SECONDS} s, and stops the threads. */
    @Override
    public void close() {
        http.stop(STOP_GRACE_SECONDS);
        executor.shutdown();
        try {
            executor.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Serves until the process is stopped (Ctrl-C), then stops the server and closes Mnemo, which
     * flushes what the tiers have not yet taken.
     *
     * @param args an optional port; else {@code PORT}, else {@value #DEFAULT_PORT}
     * @throws IOException          when the port cannot be bound
     * @throws InterruptedException when interrupted while serving
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        int port = port(args.length > 0 ? args[0] : System.getenv("PORT"));
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
             ChatbotServer server = start(mnemo, model, new InetSocketAddress(port))) {
            printUsage(System.out, server.port(), model, mnemo);
            stopping.await();
        } finally {
            closed.countDown();
        }
    }

    private static void printUsage(PrintStream out, int port, ChatModel model, Mnemo mnemo) {
        String base = "http://localhost:" + port;
        out.printf("Chatbot backend on %s; model: %s; tiers: %s%n", base,
                model instanceof OpenAiChatModel openAi ? openAi.model() + " at " + openAi.endpoint() : ScriptedChatModel.NAME,
                mnemo.blocking().health().stream().map(Health::tier).toList());
        out.println("Try:");
        out.printf("  curl -s -X POST %s/sessions/chat-1/messages -H 'Content-Type: application/json' \\%n"
                + "       -d '{\"content\": \"Hi, my name is Ada\", \"userId\": \"ada\"}'%n", base);
        out.printf("  curl -s %s/sessions/chat-1/context%n", base);
        out.println("Stop with Ctrl-C.");
    }

    /** @return the port {@code value} names, or {@value #DEFAULT_PORT} when it is null or blank */
    static int port(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new IllegalArgumentException("Not a port: '" + value + "' (expected 0-65535)");
    }
}
