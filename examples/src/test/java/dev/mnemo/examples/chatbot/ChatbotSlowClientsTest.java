package dev.mnemo.examples.chatbot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.Mnemo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Clients that send slowly, too much, or stop halfway: none of them holds a thread, none is read
 * past the limits, and each is cut off in time. Every bound on time is generous (seconds), so a slow
 * machine never fails these tests; what they prove is that nothing waits for the slow clients.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatbotSlowClientsTest {

    private static final String ADA = BearerTokens.generate();
    private static final String GRACE = BearerTokens.generate();
    private static final Duration LIVELY = Duration.ofSeconds(5);
    private static final int FIFTY_MB = 50 * 1024 * 1024;

    private Mnemo mnemo;

    @BeforeAll
    void start() {
        mnemo = Mnemo.ephemeral();
    }

    @AfterAll
    void stop() {
        mnemo.close();
    }

    @Test
    void twoHundredHalfSentHeadersAndFiftyStalledBodiesDoNotStarveAnotherClient() throws Exception {
        // Two workers only: if a slow client held one, as in a thread-per-connection server, the rest would wait.
        try (ChatbotServer server = start(settings().threads(2).queue(2))) {
            ChatbotClient grace = new ChatbotClient(server.port(), GRACE);
            String session = grace.create(); // warm: the first turn loads the token counter's encoding
            grace.say(session, "Hello");
            String adas = new ChatbotClient(server.port(), ADA).create();
            List<RawConnection> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 200; i++) {
                    RawConnection headers = new RawConnection(server.port());
                    headers.write("POST /sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ");
                    slow.add(headers);
                }
                for (int i = 0; i < 50; i++) {
                    RawConnection body = new RawConnection(server.port());
                    body.write(RawConnection.head("POST", "/sessions/" + adas + "/messages", ADA, "Content-Length: 100") + "{");
                    slow.add(body);
                }
                for (int i = 0; i < 3; i++) {
                    for (RawConnection connection : slow.subList(0, 200)) {
                        connection.write("x"); // headers that keep coming, a byte at a time
                    }
                    long started = System.nanoTime();
                    assertThat(grace.say(session, "Still there? " + i).get("answer").asText()).startsWith("You said:");
                    assertThat(grace.context(session).get("messages")).hasSize(5 + 2 * i);
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LIVELY);
                }
                // The slow clients were held all along, not dropped to make room.
                assertThat(slow.stream().filter(c -> waiting(c)).count()).isEqualTo(250);
            } finally {
                for (RawConnection connection : slow) {
                    connection.close();
                }
            }
        }
    }

    @Test
    void aFiftyMegabyteBodyIs413BeforeAnyOfItIsRead() throws Exception {
        try (ChatbotServer server = start(settings().maxBodyBytes(64 * 1024));
             RawConnection connection = new RawConnection(server.port())) {
            String session = new ChatbotClient(server.port(), ADA).create();
            connection.write(RawConnection.head("POST", "/sessions/" + session + "/messages", ADA,
                    "Content-Type: application/json", "Content-Length: " + FIFTY_MB));
            AtomicLong sent = new AtomicLong();
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> send(connection, FIFTY_MB, false, sent));
            assertThat(connection.statusLine()).isEqualTo("HTTP/1.1 413 Payload Too Large");
            assertThat(connection.readToClose()).contains("Connection: close")
                    .contains("\"error\":\"The body is over 65536 bytes (mnemo.chatbot.max-body-bytes)\"");
            writing.get(ChatbotClient.CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            // The server closed the connection instead of reading on: the client could not send it all.
            assertThat(sent.get()).isLessThan(FIFTY_MB);
        }
    }

    @Test
    void aChunkedFiftyMegabyteBodyIs413OnceItPassesTheLimit() throws Exception {
        try (ChatbotServer server = start(settings().maxBodyBytes(64 * 1024));
             RawConnection connection = new RawConnection(server.port())) {
            String session = new ChatbotClient(server.port(), ADA).create();
            connection.write(RawConnection.head("POST", "/sessions/" + session + "/messages", ADA,
                    "Content-Type: application/json", "Transfer-Encoding: chunked"));
            AtomicLong sent = new AtomicLong();
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> send(connection, FIFTY_MB, true, sent));
            assertThat(connection.statusLine()).isEqualTo("HTTP/1.1 413 Payload Too Large");
            assertThat(connection.readToClose()).contains("The body is over 65536 bytes");
            writing.get(ChatbotClient.CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(sent.get()).isLessThan(FIFTY_MB);
        }
    }

    @Test
    void aBodyThatTricklesIs408WhenTheReadTimeoutIsUp() throws Exception {
        try (ChatbotServer server = start(settings().readTimeout(Duration.ofSeconds(1)));
             RawConnection connection = new RawConnection(server.port())) {
            String session = new ChatbotClient(server.port(), ADA).create();
            connection.write(RawConnection.head("POST", "/sessions/" + session + "/messages", ADA, "Content-Length: 1000"));
            // A byte every 200 ms: well inside the idle timeout, so only the read timeout can end it.
            CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 100; i++) {
                        connection.write(" ");
                        Thread.sleep(200);
                    }
                } catch (IOException | InterruptedException e) {
                    // the server cut it off
                }
            });
            assertThat(connection.statusLine()).isEqualTo("HTTP/1.1 408 Request Timeout");
            assertThat(connection.readToClose()).contains("did not arrive within 1000 ms (mnemo.chatbot.read-timeout)");
            trickle.get(ChatbotClient.CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void aConnectionThatStopsSendingItsHeadersIsClosedAfterTheIdleTimeout() throws Exception {
        try (ChatbotServer server = start(settings().idleTimeout(Duration.ofSeconds(1)));
             RawConnection connection = new RawConnection(server.port())) {
            connection.write("GET /sessions/x/context HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            long started = System.nanoTime();
            connection.readToClose(); // fails with SocketTimeoutException if the server kept it open
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ChatbotClient.CALL_TIMEOUT);
        }
    }

    private ChatbotServer start(ChatbotSettings.Builder settings) throws IOException {
        return ChatbotServer.start(mnemo, new ScriptedChatModel(), BearerTokens.of(Map.of("ada", ADA, "grace", GRACE)),
                settings.build());
    }

    private static ChatbotSettings.Builder settings() {
        return ChatbotSettings.builder().port(0).rateBurst(10_000).readTimeout(Duration.ofSeconds(30));
    }

    private static boolean waiting(RawConnection connection) {
        try {
            return connection.isWaiting(Duration.ofMillis(10));
        } catch (IOException e) {
            return false;
        }
    }

    /** Sends {@code total} bytes of body, as one stream or in chunks, until done or the server cuts it off. */
    private static void send(RawConnection connection, int total, boolean chunked, AtomicLong sent) {
        byte[] part = new byte[64 * 1024];
        java.util.Arrays.fill(part, (byte) 'x');
        byte[] chunkHead = (Integer.toHexString(part.length) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            while (sent.get() < total) {
                if (chunked) {
                    connection.write(chunkHead);
                }
                connection.write(part);
                if (chunked) {
                    connection.write("\r\n");
                }
                sent.addAndGet(part.length);
            }
        } catch (IOException e) {
            // the server closed the connection: what the test expects
        }
    }
}
