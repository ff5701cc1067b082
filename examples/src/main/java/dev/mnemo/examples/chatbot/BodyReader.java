package dev.mnemo.examples.chatbot;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request body without holding a thread while it arrives, within a size and a time limit:
 * a declared length over the limit is refused before a byte is read, a body without one (chunked)
 * as soon as it passes the limit, so no more than the limit is ever held in memory; a body still
 * incomplete when the time is up is refused too, however steadily it trickles. A refusal answers
 * with {@code Connection: close}, so what the client still sends is never read.
 */
final class BodyReader {

    /** Sent with 408 and 413: the rest of the body is not read, so the connection cannot carry another request. */
    static final Map<String, String> CLOSE = Map.of("Connection", "close");

    private final int maxBytes;
    private final Duration timeout;

    /**
     * @param maxBytes the largest body accepted
     * @param timeout  how long a body may take to arrive, from the moment its headers are in
     */
    BodyReader(int maxBytes, Duration timeout) {
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    /**
     * @return the body; fails with {@link RequestException} 413 when it is over the limit, 408 when it
     *         did not arrive in time, 400 when the client broke it off
     */
    CompletableFuture<byte[]> read(Request request) {
        long declared = request.getLength();
        if (declared > maxBytes) {
            return CompletableFuture.failedFuture(tooLarge());
        }
        Reading reading = new Reading(request, (int) Math.max(0, declared));
        Scheduler.Task deadline = request.getComponents().getScheduler().schedule(() -> reading.result
                .completeExceptionally(tooSlow()), timeout.toMillis(), TimeUnit.MILLISECONDS);
        reading.result.whenComplete((body, failure) -> deadline.cancel());
        reading.run();
        return reading.result;
    }

    private RequestException tooLarge() {
        return new RequestException(413, "The body is over " + maxBytes + " bytes (mnemo.chatbot.max-body-bytes)", CLOSE);
    }

    private RequestException tooSlow() {
        return new RequestException(408, "The body did not arrive within " + timeout.toMillis()
                + " ms (mnemo.chatbot.read-timeout)", CLOSE);
    }

    /**
     * One body being read: {@link #run()} takes what has arrived and asks to be called again when
     * more does. Jetty never runs two demand callbacks of one request at once, so the buffer needs
     * no lock; the deadline only completes the future, after which nothing more is read.
     */
    private final class Reading implements Runnable {
        final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final Request request;
        private final ByteArrayOutputStream bytes;

        Reading(Request request, int declared) {
            this.request = request;
            this.bytes = new ByteArrayOutputStream(Math.min(declared, 64 * 1024));
        }

        @Override
        public void run() {
            while (!result.isDone()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                try {
                    if (Content.Chunk.isFailure(chunk)) {
                        result.completeExceptionally(chunk.getFailure() instanceof TimeoutException ? tooSlow()
                                : new RequestException(400, "The body could not be read: the client broke it off", CLOSE));
                        return;
                    }
                    ByteBuffer buffer = chunk.getByteBuffer();
                    if (bytes.size() + (long) buffer.remaining() > maxBytes) {
                        result.completeExceptionally(tooLarge());
                        return;
                    }
                    byte[] part = new byte[buffer.remaining()];
                    buffer.get(part);
                    bytes.write(part, 0, part.length);
                    if (chunk.isLast()) {
                        result.complete(bytes.toByteArray());
                        return;
                    }
                } finally {
                    chunk.release();
                }
            }
        }
    }
}
